import fastJsonStringify from 'fast-json-stringify';
import { z } from 'zod';

/**
 * Serializes responses from the routes' zod schemas through fast-json-stringify: only declared properties are written
 * (a field a presenter forgot to drop never leaks), and it is several times faster than parsing each response with zod,
 * which mattered for the pipeline (bench/). The types of what handlers return are checked by the compiler.
 */
export function zodSerializerCompiler({ schema }: { schema: unknown }): (data: unknown) => string {
  registered.add(schema);
  // Compiled on a route's first response, not at start-up: compiling every route's serializers cost about a second of
  // every start (bench/), and most routes of a process are never called soon after it starts.
  let serialize: ((data: unknown) => string) | null = null;
  return (data) => {
    serialize ??= compileSerializer(schema);
    return serialize(data);
  };
}

/** Every response schema a route registered in this process, so a test can compile them all at once. */
const registered = new Set<unknown>();

/** Compiles the serializer of every response schema registered so far; throws at the first that does not compile. */
export function compileRegisteredSerializers(): number {
  for (const schema of registered) compileSerializer(schema);
  return registered.size;
}

function compileSerializer(schema: unknown): (data: unknown) => string {
  const jsonSchema = z.toJSONSchema(schema as z.ZodType, {
    io: 'output',
    unrepresentable: 'any',
    reused: 'inline',
    cycles: 'ref',
    // Undeclared properties are dropped when writing; `additionalProperties: false` would instead fail a nullable object.
    // A record's additionalProperties is its value schema, and stays.
    override: (context) => {
      if (context.jsonSchema.additionalProperties === false) delete context.jsonSchema.additionalProperties;
    },
  });
  return fastJsonStringify(jsonSchema as Parameters<typeof fastJsonStringify>[0]);
}
