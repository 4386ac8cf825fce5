const HANDLES = Symbol('domain-event-handlers');

export interface HandlerOptions {
  /** Lower runs first; handlers of equal order run in the order they were found. */
  order?: number;
}

interface Handles {
  name: string;
  order: number;
}

/**
 * Marks a provider method as a handler of the named domain event. Untyped here: features use
 * the typed wrapper beside their event declarations.
 */
export function domainEventHandler(name: string, options: HandlerOptions = {}): MethodDecorator {
  return (_target, _key, descriptor) => {
    const fn = descriptor.value as object;
    const list = (Reflect.getOwnMetadata(HANDLES, fn) as Handles[] | undefined) ?? [];
    Reflect.defineMetadata(HANDLES, [...list, { name, order: options.order ?? 0 }], fn);
  };
}

export function handlersOf(fn: unknown): Handles[] {
  if (typeof fn !== 'function') return [];
  return (Reflect.getOwnMetadata(HANDLES, fn) as Handles[] | undefined) ?? [];
}
