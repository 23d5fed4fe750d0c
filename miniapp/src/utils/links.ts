/**
 * Notification links name mini-program pages the server knows (`pages/greetings/index?id=…`). Only
 * routes this client has are opened; the table maps each to where it lives here (a route may sit in a
 * subpackage under another path).
 */
const ROUTES: Record<string, string> = {
  'pages/greetings/index': '/pages/greetings/index',
  'pages/inbox/index': '/pages/inbox/index',
  'pages/card/index': '/pages/card/index',
  // The server links wishes and commitments by their short names; here they live in subpackages.
  'pages/wish/index': '/packages/wish/detail/index',
  'pages/commitment/index': '/packages/commitment/detail/index',
}

/** The URL to navigateTo for a notification's `page`, or null when it is not one of ours. */
export function appPageUrl(page: string | null | undefined): string | null {
  if (!page) return null
  const [path, query] = page.replace(/^\/+/, '').split('?', 2)
  const target = ROUTES[path]
  if (!target) return null
  return query ? `${target}?${query}` : target
}
