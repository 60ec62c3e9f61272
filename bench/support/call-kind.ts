/** `GET /conversations/v2/Conversations/conv_conversation_01…` → `GET /conversations/v2/Conversations/{conversation}`. */
export const callKind = (call: string) =>
  call
    .replace(/\?.*$/, (query) => `?${[...new URLSearchParams(query.slice(1)).keys()].join('&')}`)
    .replace(/\b(CH|IM)[0-9a-f]{32}\b/g, '{$1}')
    .replace(/\bconv_conversation_\w+/g, '{conversation}')
    .replace(/\bmem_profile_\w+/g, '{profile}')
    .replace(/\bmem_store_\w+/g, '{store}');

/** Upstream calls counted by kind, most frequent first. */
export function callsByKind(calls: readonly string[]): Array<[string, number]> {
  const kinds = new Map<string, number>();
  for (const call of calls) kinds.set(callKind(call), (kinds.get(callKind(call)) ?? 0) + 1);
  return [...kinds].sort((a, b) => b[1] - a[1]);
}
