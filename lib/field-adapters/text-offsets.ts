/**
 * Rich editors render paragraphs as blocks, not "\n": comparing and locating text is done on the
 * stream of text-node characters with whitespace removed, which every editor renders the same.
 */
export function stripWhitespace(text: string): string {
  return text.replace(/\s+/g, '');
}

interface CharPosition {
  node: Text;
  offset: number;
}

function visibleChars(root: Node): CharPosition[] {
  const positions: CharPosition[] = [];
  const walker = root.ownerDocument!.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode() as Text | null; node; node = walker.nextNode() as Text | null) {
    const data = node.data;
    for (let i = 0; i < data.length; i += 1) {
      if (!/\s/.test(data[i]!)) positions.push({ node, offset: i });
    }
  }
  return positions;
}

/** Non-whitespace characters of `root` before `range`'s start. */
export function strippedOffsetBefore(root: Node, range: Range): number {
  const before = root.ownerDocument!.createRange();
  before.selectNodeContents(root);
  before.setEnd(range.startContainer, range.startOffset);
  return stripWhitespace(before.toString()).length;
}

/**
 * The DOM range holding `text` whose first visible character is the `from`-th of `root`,
 * or null when the field no longer holds it there.
 */
export function rangeOfText(root: Node, text: string, from: number): Range | null {
  const target = stripWhitespace(text);
  const chars = visibleChars(root);
  if (target.length === 0 || from + target.length > chars.length) return null;
  for (let i = 0; i < target.length; i += 1) {
    const pos = chars[from + i]!;
    if (pos.node.data[pos.offset] !== target[i]) return null;
  }
  const first = chars[from]!;
  const last = chars[from + target.length - 1]!;
  const range = root.ownerDocument!.createRange();
  range.setStart(first.node, first.offset);
  range.setEnd(last.node, last.offset + 1);
  return range;
}
