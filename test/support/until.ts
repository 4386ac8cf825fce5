/** Waits until `check` holds, polling every 50 ms; fails after `ms`. */
export async function until(check: () => boolean, ms = 20_000): Promise<void> {
  for (const deadline = Date.now() + ms; !check(); await new Promise((r) => setTimeout(r, 50)))
    if (Date.now() > deadline) throw new Error('condition not met in time');
}
