import { ValidationTypes } from 'class-validator';
import type { ValidationMetadata } from 'class-validator/types/metadata/ValidationMetadata';
import { validationMetadatasToSchemas } from 'class-validator-jsonschema';

// class-transformer keeps its @Type() records here and exports no path to them; nested DTOs need them.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { defaultMetadataStorage } = require('class-transformer/cjs/storage') as typeof import('class-transformer/types/storage');

const PRIMITIVES = new Map<unknown, string>([
  [Number, 'number'],
  [String, 'string'],
  [Boolean, 'boolean'],
]);

/** A rule of our own (ValidateBy) states no bounds the converter can read: the property's type and the rule's name. */
function customRule(meta: ValidationMetadata): Record<string, unknown> {
  const target = meta.target as Function;
  const type = PRIMITIVES.get(Reflect.getMetadata('design:type', target.prototype, meta.propertyName));
  const name = meta.name ?? 'custom';
  return { ...(type ? { type } : {}), description: `checked by the rule "${name}"; the error message states it` };
}

/**
 * The request DTOs' schemas read from their class-validator rules, the same rules the pipes
 * apply, so a body is documented once. Rules of our own (ValidateBy) carry their words only.
 */
export function dtoSchemas(): Record<string, unknown> {
  return validationMetadatasToSchemas({
    refPointerPrefix: '#/components/schemas/',
    classTransformerMetadataStorage: defaultMetadataStorage,
    additionalConverters: { [ValidationTypes.CUSTOM_VALIDATION]: customRule },
  });
}
