// A sentence cut to fit a small place (the top bar's reason a count is missing), at a word
// boundary and marked with an ellipsis; the full text goes in the element's title.

export function shorten(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max - 1);
  const space = cut.lastIndexOf(' ');
  // A single long word (an id, a path) is cut where it must be rather than left whole.
  const end = space > max * 0.6 ? space : cut.length;
  return `${cut.slice(0, end).replace(/[\s,;:—-]+$/u, '')}…`;
}
