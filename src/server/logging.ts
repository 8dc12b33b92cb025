// No personal data in logs: request bodies and cookies are never logged, and anything that looks like
// a name, date of birth or identifier is redacted if it is ever passed to the logger.
export const logRedaction = {
  paths: [
    'req.headers.cookie',
    'req.headers["x-csrf-token"]',
    'res.headers["set-cookie"]',
    '*.first_name',
    '*.last_name',
    '*.date_of_birth',
    '*.nhs_number',
    '*.upn',
    '*.password',
    'body',
  ],
  censor: '[redacted]',
};

/** A one-time password reset link works as a password until it is used: its token never reaches a log. */
export const redactUrl = (url: string): string => url.replace(/^(\/account\/reset\/)[^/?#]+/, '$1[redacted]');

/** Fastify's request serializer, with the address redacted as above. */
export const logSerializers = {
  req: (request: { method: string; url: string; hostname?: string; ip?: string }) => ({
    method: request.method,
    url: redactUrl(request.url),
    host: request.hostname,
    remoteAddress: request.ip,
  }),
};
