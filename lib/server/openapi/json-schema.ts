import { z } from "zod";

// zod → JSON Schema 2020-12, the dialect of OpenAPI 3.1 Schema Objects. Request schemas are
// converted as their *input* (what a client sends: before defaults, coercion and transforms),
// response schemas as their output.

export type TJsonSchema = Record<string, unknown>;
export type TNamedSchema = { id: string; schema: z.ZodType; description?: string };

const COMPONENT_REF = (id: string) => `#/components/schemas/${id}`;

/** `$schema` and `$id` belong to standalone documents, not to schemas inside an OpenAPI document. */
function embeddable(schema: object): TJsonSchema {
  const { $schema: _schema, $id: _id, ...rest } = schema as TJsonSchema;
  return rest;
}

/** Drops what zod adds but a reader gains nothing from: safe-integer bounds, the date-time regex (`format` says it). */
function tidy({ jsonSchema }: { jsonSchema: TJsonSchema }): void {
  if (jsonSchema.minimum === Number.MIN_SAFE_INTEGER) delete jsonSchema.minimum;
  if (jsonSchema.maximum === Number.MAX_SAFE_INTEGER) delete jsonSchema.maximum;
  if (jsonSchema.format === "date-time") delete jsonSchema.pattern;
}

const OPTIONS = { target: "draft-2020-12", unrepresentable: "throw", override: tidy } as const;

/** One schema, inline (query parameters, small bodies). */
export function jsonSchemaOf(schema: z.ZodType, io: "input" | "output"): TJsonSchema {
  return embeddable(z.toJSONSchema(schema, { ...OPTIONS, io }));
}

/**
 * Named schemas converted together, so that one used inside another becomes a `$ref` to
 * `#/components/schemas/<id>` instead of a copy.
 */
export function componentSchemas(named: TNamedSchema[], io: "input" | "output"): Record<string, TJsonSchema> {
  const registry = z.registry<{ id: string; description?: string }>();
  for (const { id, schema, description } of named) registry.add(schema, description ? { id, description } : { id });
  const { schemas } = z.toJSONSchema(registry, { ...OPTIONS, io, metadata: registry, uri: COMPONENT_REF });
  return Object.fromEntries(Object.entries(schemas).map(([id, schema]) => [id, embeddable(schema)]));
}

export function ref(id: string): { $ref: string } {
  return { $ref: COMPONENT_REF(id) };
}

export type TParameter = { name: string; in: "query" | "header" | "path"; required: boolean; description?: string; schema: TJsonSchema };

/** A query-string zod object as OpenAPI parameters, one per property, in declaration order. */
export function queryParameters(schema: z.ZodObject, descriptions: Record<string, string> = {}): TParameter[] {
  const json = jsonSchemaOf(schema, "input") as { properties?: Record<string, TJsonSchema>; required?: string[] };
  return Object.entries(json.properties ?? {}).map(([name, property]) => ({
    name,
    in: "query" as const,
    required: json.required?.includes(name) ?? false,
    ...(descriptions[name] ? { description: descriptions[name] } : {}),
    schema: property,
  }));
}
