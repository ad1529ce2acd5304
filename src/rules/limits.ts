// Bounds on what a rule set may contain. The EU snapshot has 194 rules, the largest 4.5 KiB, and a
// compressed value-set file of a few KiB; these bounds leave ample room and refuse anything absurd.

/** Largest accepted rule.json, in bytes. */
export const MAX_RULE_FILE_BYTES = 256 * 1024

/** Largest accepted valueSets.json, in bytes. */
export const MAX_VALUESETS_FILE_BYTES = 2 * 1024 * 1024

/** Most rules one rule set may hold (all countries together). */
export const MAX_RULES = 5000

/** Deepest nesting accepted in a rule's Logic, and most nodes in it. */
export const MAX_LOGIC_DEPTH = 64
export const MAX_LOGIC_NODES = 20_000

/** Most codes one value set may list, and most value sets. */
export const MAX_VALUESET_CODES = 20_000
export const MAX_VALUESETS = 200
