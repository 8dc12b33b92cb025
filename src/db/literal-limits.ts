// LIMIT and OFFSET are written into the statement as numbers, never sent as parameters.
//
// Statements are prepared (connection.ts), and PostgreSQL keeps one generic plan for a prepared
// statement only when it looks no dearer than planning with the values. With LIMIT $1 the generic plan
// must assume a limit it cannot see (a tenth of the rows), so it always looks dearer, and lists that end
// in LIMIT were planned afresh on every request: the front door's contact lists took 25-50 ms to plan
// and under 3 ms to run on the large council. With the number in the text, the generic plan knows the
// limit and is kept. A list's limit is a constant and a page's offset one of a few, so the statements
// stay few (connection.ts bounds how many a connection prepares).
import {
  OperationNodeTransformer,
  RawNode,
  ValueNode,
  type KyselyPlugin,
  type LimitNode,
  type OffsetNode,
  type OperationNode,
  type PluginTransformQueryArgs,
  type PluginTransformResultArgs,
  type QueryResult,
  type RootOperationNode,
  type UnknownRow,
} from 'kysely';

/** A row count as a literal: a whole number that is a parameter's value. */
function asLiteral(node: OperationNode): OperationNode {
  if (!ValueNode.is(node) || node.immediate) return node;
  const value = node.value;
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0 ? ValueNode.createImmediate(value) : node;
}

/** In hand-written SQL, a value written straight after LIMIT or OFFSET. */
const COUNT_FOLLOWS = /\b(limit|offset)\s*$/i;

class LiteralLimitTransformer extends OperationNodeTransformer {
  protected override transformLimit(node: LimitNode): LimitNode {
    return { ...node, limit: asLiteral(node.limit) };
  }

  protected override transformOffset(node: OffsetNode): OffsetNode {
    return { ...node, offset: asLiteral(node.offset) };
  }

  protected override transformRaw(node: RawNode): RawNode {
    const raw = super.transformRaw(node);
    if (!raw.parameters.some((_, i) => COUNT_FOLLOWS.test(raw.sqlFragments[i]!))) return raw;
    return RawNode.create(
      raw.sqlFragments,
      raw.parameters.map((parameter, i) => (COUNT_FOLLOWS.test(raw.sqlFragments[i]!) ? asLiteral(parameter) : parameter)),
    );
  }
}

export class LiteralLimits implements KyselyPlugin {
  readonly #transformer = new LiteralLimitTransformer();

  transformQuery(args: PluginTransformQueryArgs): RootOperationNode {
    return this.#transformer.transformNode(args.node);
  }

  async transformResult(args: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
    return args.result;
  }
}
