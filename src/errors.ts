/**
 * One error type for the whole engine. Expected outcomes (a policy that fails, a budget that is
 * exhausted) are results, not exceptions; this class is for what stops the work.
 *
 * Messages never contain a record value, a key or a token: they say where (file, line, column,
 * JSON path) and what to do.
 */
export type ErrorCode =
  | 'invalid-usage'     // bad flags or arguments
  | 'invalid-input'     // a data file that cannot be read as declared
  | 'invalid-policy'    // a policy file that does not validate
  | 'invalid-hierarchy' // a hierarchy that is not a function, or misses a value
  | 'invalid-query'     // a DP query that is not accepted
  | 'invalid-key'       // a pseudonymization key that is missing or too short
  | 'policy-failed'     // the data fail the policy (used when an exception is the only way out)
  | 'budget-exhausted'  // a DP query refused by the ledger
  | 'not-found'
  | 'forbidden'
  | 'unauthorized'
  | 'conflict'
  | 'rate-limited'
  | 'internal';

export interface Issue {
  /** Where: "file.csv:12:3", "columns.age.hierarchy", "$.entry[3].resource.birthDate". */
  path: string;
  message: string;
}

const EXIT: Record<ErrorCode, number> = {
  'invalid-usage': 2, 'invalid-input': 2, 'invalid-policy': 2, 'invalid-hierarchy': 2,
  'invalid-query': 2, 'invalid-key': 2, 'policy-failed': 3, 'budget-exhausted': 3,
  'not-found': 2, forbidden: 2, unauthorized: 2, conflict: 2, 'rate-limited': 2, internal: 1,
};

const HTTP: Record<ErrorCode, number> = {
  'invalid-usage': 400, 'invalid-input': 400, 'invalid-policy': 400, 'invalid-hierarchy': 400,
  'invalid-query': 400, 'invalid-key': 500, 'policy-failed': 422, 'budget-exhausted': 409,
  'not-found': 404, forbidden: 403, unauthorized: 401, conflict: 409, 'rate-limited': 429, internal: 500,
};

export class AnonymatError extends Error {
  readonly code: ErrorCode;
  readonly issues: Issue[];
  constructor(code: ErrorCode, message: string, issues: Issue[] = [], options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'AnonymatError';
    this.code = code;
    this.issues = issues;
  }
  get exitCode(): number { return EXIT[this.code]; }
  get httpStatus(): number { return HTTP[this.code]; }
  /** Message plus one line per issue, for terminals. */
  format(): string {
    if (this.issues.length === 0) return this.message;
    return [this.message, ...this.issues.map((i) => `  ${i.path}: ${i.message}`)].join('\n');
  }
  toJSON(): { code: ErrorCode; message: string; issues: Issue[] } {
    return { code: this.code, message: this.message, issues: this.issues };
  }
}

export function exitCodeOf(code: ErrorCode): number { return EXIT[code]; }
export function httpStatusOf(code: ErrorCode): number { return HTTP[code]; }

export function isAnonymatError(e: unknown): e is AnonymatError {
  return e instanceof AnonymatError;
}
