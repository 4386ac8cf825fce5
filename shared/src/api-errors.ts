// The body of every refusal the API sends (docs/api-errors.md); the screens word it for people.

/** One input the server refused, with the first rule it broke. */
export interface ApiFieldError {
  /** Dotted path under a nested object, e.g. `hours.opens`. */
  field: string;
  message: string;
}

export interface ApiErrorBody {
  statusCode: number;
  error?: string;
  /** The server's own words, in English; a list where NestJS's own validation speaks. */
  message: string | string[];
  /** The first input that broke, where one input is to blame. */
  field?: string;
  /** Every input that broke. */
  errors?: ApiFieldError[];
}
