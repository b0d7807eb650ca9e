/**
 * The part of MongoDB's $jsonSchema that a query uses (`db.command.jsonSchema`): required,
 * properties, type/bsonType, enum, numeric and length bounds, pattern, items, additionalProperties.
 * Unknown keywords are ignored, as a permissive validator would.
 */
type Obj = Record<string, any>;
type Schema = Obj;

const isObj = (v: unknown): v is Obj =>
  !!v && typeof v === 'object' && !Array.isArray(v) && !(v instanceof Date) && !(v instanceof RegExp);

function typeMatches(v: unknown, t: string): boolean {
  switch (t) {
    case 'object':
      return isObj(v);
    case 'array':
      return Array.isArray(v);
    case 'string':
      return typeof v === 'string';
    case 'number':
    case 'double':
      return typeof v === 'number';
    case 'int':
    case 'long':
    case 'integer':
      return Number.isInteger(v);
    case 'bool':
    case 'boolean':
      return typeof v === 'boolean';
    case 'null':
      return v === null;
    case 'date':
      return v instanceof Date;
    case 'regex':
      return v instanceof RegExp;
    default:
      return false;
  }
}

function valid(v: unknown, s: Schema): boolean {
  if (!isObj(s)) return true;
  const types = s.bsonType ?? s.type;
  if (types !== undefined && ![types].flat().some((t: string) => typeMatches(v, t))) return false;
  if (Array.isArray(s.enum) && !s.enum.some((e: unknown) => JSON.stringify(e) === JSON.stringify(v))) return false;
  if (typeof v === 'number') {
    if (s.minimum !== undefined && v < s.minimum) return false;
    if (s.maximum !== undefined && v > s.maximum) return false;
  }
  if (typeof v === 'string') {
    if (s.minLength !== undefined && [...v].length < s.minLength) return false;
    if (s.maxLength !== undefined && [...v].length > s.maxLength) return false;
    if (s.pattern !== undefined && !new RegExp(s.pattern).test(v)) return false;
  }
  if (Array.isArray(v)) {
    if (s.minItems !== undefined && v.length < s.minItems) return false;
    if (s.maxItems !== undefined && v.length > s.maxItems) return false;
    if (isObj(s.items) && !v.every((x) => valid(x, s.items))) return false;
  }
  if (isObj(v)) {
    if (Array.isArray(s.required) && !s.required.every((k: string) => k in v)) return false;
    const props: Obj = isObj(s.properties) ? s.properties : {};
    for (const [k, ps] of Object.entries(props)) if (k in v && !valid(v[k], ps)) return false;
    if (s.additionalProperties === false && Object.keys(v).some((k) => !(k in props))) return false;
  }
  return true;
}

/** mingo's jsonSchemaValidator option. */
export const jsonSchemaValidator = (schema: Schema) => (doc: Obj) => valid(doc, schema);
