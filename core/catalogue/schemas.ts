/**
 * Request-body JSON Schemas (draft 2020-12, for ajv) of the tag APIs, built from one set of shared
 * definitions. Facts: docs/sources.md §A.2. Only validating keywords plus `description` are used, so the
 * schemas compile in ajv's strict mode.
 */
import type { JsonSchema } from './types';
import { TAG_RULES } from './tagRules';

const DIALECT = 'https://json-schema.org/draft/2020-12/schema';

const resourceTag: JsonSchema = {
  type: 'object',
  required: ['key', 'value'],
  additionalProperties: false,
  properties: {
    key: {
      type: 'string',
      minLength: TAG_RULES.key.min,
      maxLength: TAG_RULES.key.max,
      pattern: TAG_RULES.keyPattern,
      description: 'Tag key',
    },
    value: {
      type: 'string',
      maxLength: TAG_RULES.value.max,
      pattern: TAG_RULES.valuePattern,
      description: 'Tag value; may be an empty string but must be present',
    },
  },
};

const resourceTagDelete: JsonSchema = {
  type: 'object',
  required: ['key'],
  additionalProperties: false,
  properties: {
    key: {
      type: 'string',
      minLength: 1,
      maxLength: TAG_RULES.deleteKeyMax,
      pattern: '\\S',
      description: 'Tag key; not blank (charset not checked on delete)',
    },
    value: { type: 'string', maxLength: TAG_RULES.deleteValueMax, description: 'Optional on delete; only its length is checked' },
  },
};

const tagFilterList: JsonSchema = {
  type: 'array',
  minItems: 1,
  maxItems: TAG_RULES.filterMaxTags,
  items: {
    type: 'object',
    required: ['key', 'values'],
    additionalProperties: false,
    properties: {
      key: { type: 'string', minLength: 1, maxLength: TAG_RULES.filterKeyMax, description: 'Tag key' },
      values: {
        type: 'array',
        maxItems: TAG_RULES.filterMaxValues,
        uniqueItems: true,
        items: { type: 'string', maxLength: TAG_RULES.filterValueMax },
        description: 'Values, OR-ed; an empty list matches any value',
      },
    },
  },
};

export const CREATE_OR_UPDATE_TAGS_BODY: JsonSchema = {
  $schema: DIALECT,
  type: 'object',
  required: ['image_id'],
  additionalProperties: false,
  properties: {
    image_id: { type: 'string', minLength: 1, description: 'Image ID' },
    tag: { type: 'string', minLength: 1, description: "Legacy 'key.value' string, split at the first '.'" },
    image_tag: { ...resourceTag, description: 'Tag as {key, value}' },
  },
  // The docs say only one of the two may be used; that one is required is inferred (docs/sources.md §A.2 #3).
  oneOf: [{ required: ['tag'] }, { required: ['image_tag'] }],
};

export const LIST_IMAGE_BY_TAGS_BODY: JsonSchema = {
  $schema: DIALECT,
  type: 'object',
  required: ['action'],
  additionalProperties: false,
  properties: {
    action: { enum: ['filter', 'count'], description: 'filter = paged query; count = total only' },
    tags: { ...tagFilterList, description: 'Images carrying all of these tags' },
    tags_any: { ...tagFilterList, description: 'Images carrying any of these tags' },
    not_tags: { ...tagFilterList, description: 'Images not carrying all of these tags' },
    not_tags_any: { ...tagFilterList, description: 'Images carrying none of these tags' },
    without_any_tag: { type: 'boolean', description: 'true: only untagged images; the tag filters are then ignored' },
    limit: {
      type: 'string',
      pattern: '^(1000|[1-9][0-9]{0,2})$',
      description: 'Page size as a string, 1–1000 (default "10"); ignored for count',
    },
    offset: { type: 'string', pattern: '^[0-9]+$', description: 'Start index as a string, ≥ 0 (default "0"); ignored for count' },
    matches: {
      type: 'array',
      minItems: 1,
      items: {
        type: 'object',
        required: ['key', 'value'],
        additionalProperties: false,
        properties: {
          key: {
            enum: ['resource_name', 'resource_id'],
            description: 'resource_name: fuzzy (exact when the value is empty); resource_id: exact',
          },
          value: { type: 'string', maxLength: 255 },
        },
      },
      description: 'Fields to match; keys must be unique',
    },
  },
};

export const BATCH_ADD_OR_DELETE_TAGS_BODY: JsonSchema = {
  $schema: DIALECT,
  type: 'object',
  required: ['action', 'tags'],
  additionalProperties: false,
  properties: {
    action: { enum: ['create', 'delete'], description: 'create adds or updates; delete removes' },
    tags: { type: 'array', minItems: 1, items: { type: 'object' }, description: 'Tags; keys must be unique in one request' },
  },
  allOf: [
    {
      if: { required: ['action'], properties: { action: { const: 'create' } } },
      then: { properties: { tags: { type: 'array', maxItems: TAG_RULES.maxTagsPerImage, items: resourceTag } } },
    },
    {
      if: { required: ['action'], properties: { action: { const: 'delete' } } },
      then: { properties: { tags: { type: 'array', items: resourceTagDelete } } },
    },
  ],
};

export const ADD_IMAGE_TAG_BODY: JsonSchema = {
  $schema: DIALECT,
  type: 'object',
  required: ['tag'],
  additionalProperties: false,
  properties: { tag: { ...resourceTag, description: 'The tag to add or update' } },
};

export const BATCH_DELETE_TAGS_BODY: JsonSchema = {
  $schema: DIALECT,
  type: 'object',
  required: ['tags'],
  additionalProperties: false,
  properties: {
    tags: { type: 'array', minItems: 1, items: resourceTagDelete, description: 'Tags to delete; missing ones count as done' },
  },
};
