// The parts of the layout that are the same on every page a role sees: GOV.UK's skip link and header,
// and the service navigation (the council's name and the role's links, one of them marked as the page's
// place). Each is rendered by its GOV.UK macro, as the layout did, the first time it is needed, and kept
// (decision 0071). Nothing in them comes from a request, a child or a user other than the role: the
// signed-in line, the CSRF token and the nonces are rendered on every page as before.
import nunjucks from 'nunjucks';

type Environment = InstanceType<typeof nunjucks.Environment>;
type SafeString = InstanceType<typeof nunjucks.runtime.SafeString>;
/** A link of the service navigation (navigation.ts). */
export interface NavigationLink {
  href: string;
  text: string;
  active: boolean;
}

const COMPONENTS = 'govuk/components';
const SKIP_LINK = `{% from "${COMPONENTS}/skip-link/macro.njk" import govukSkipLink %}{{ govukSkipLink({ href: '#main-content', text: 'Skip to main content' }) }}`;
const HEADER = `{% from "${COMPONENTS}/generic-header/macro.njk" import govukGenericHeader %}{{ govukGenericHeader({ url: "/", logoText: "Lantern" }) }}`;
const SERVICE_NAVIGATION = `{% from "${COMPONENTS}/service-navigation/macro.njk" import govukServiceNavigation %}{{ govukServiceNavigation({ serviceName: councilName, serviceUrl: "/", navigation: navigation }) }}`;
// Councils × roles × the link marked: a few dozen; the bound is against a mistake, not a need.
const MAX_NAVIGATIONS = 1_000;

export function layoutParts(env: Environment) {
  const once = (source: string) => {
    let html: SafeString | undefined;
    return () => (html ??= new nunjucks.runtime.SafeString(nunjucks.compile(source, env).render({})));
  };
  const navigationTemplate = nunjucks.compile(SERVICE_NAVIGATION, env);
  const navigations = new Map<string, SafeString>();
  return {
    skipLink: once(SKIP_LINK),
    header: once(HEADER),
    /** The service navigation for the council's name and a role's links on one page. */
    serviceNavigation(councilName: unknown, navigation: readonly NavigationLink[]): SafeString {
      const key = JSON.stringify([councilName, navigation]);
      let html = navigations.get(key);
      if (!html) {
        html = new nunjucks.runtime.SafeString(navigationTemplate.render({ councilName, navigation }));
        if (navigations.size < MAX_NAVIGATIONS) navigations.set(key, html);
      }
      return html;
    },
  };
}
