/**
 * The CSV's Tags cell (README, "CSV columns"): the tags joined with ", ", a tag that needs it quoted
 * CSV-style inside the cell, so that any list of tags can be read back exactly. Apart from csv.ts
 * because the field table (utils/model/person-fields.ts) writes the cell and csv.ts reads the table.
 */

/**
 * A tag written bare would be read back wrong (or run as a formula at the start of the cell): it is
 * empty, holds the separator's comma or a quote, begins or ends with whitespace (trimmed on reading), or
 * begins like a formula.
 */
const TAG_NEEDS_QUOTES = /^$|[,"]|^\s|\s$|^[=+\-@]/;

/**
 * The Tags cell: the tags joined with ", ", a tag that needs it quoted CSV-style inside the cell
 * ("a, b" is written "\"a, b\"", a quote in it doubled). parseTagCell reads it back exactly.
 */
export function formatTagCell(tags: readonly string[]): string {
  let out = '';
  for (let i = 0; i < tags.length; i++) {
    const tag = tags[i];
    if (i > 0) out += ', ';
    out += TAG_NEEDS_QUOTES.test(tag) ? `"${tag.replace(/"/g, '""')}"` : tag;
  }
  return out;
}

/**
 * The tags of a Tags cell as formatTagCell writes it. Also reads a cell edited by hand: spaces around
 * the commas are dropped, and an empty cell (or an empty item between two commas) is no tag.
 */
export function parseTagCell(cell: string): string[] {
  const tags: string[] = [];
  let i = 0;
  const n = cell.length;
  while (i < n) {
    while (i < n && /\s/.test(cell[i])) i++;
    if (cell[i] === '"') {
      let tag = '';
      i++;
      for (;;) {
        const q = cell.indexOf('"', i);
        if (q === -1) {
          tag += cell.slice(i); // no closing quote: keep the rest as the tag
          i = n;
          break;
        }
        tag += cell.slice(i, q);
        if (cell[q + 1] === '"') {
          tag += '"';
          i = q + 2;
        } else {
          i = q + 1;
          break;
        }
      }
      // Anything between the closing quote and the next comma belongs to the tag (lenient).
      const comma = cell.indexOf(',', i);
      const end = comma === -1 ? n : comma;
      tag += cell.slice(i, end).trimEnd();
      tags.push(tag);
      i = end + 1;
      continue;
    }
    const comma = cell.indexOf(',', i);
    const end = comma === -1 ? n : comma;
    const tag = cell.slice(i, end).trim();
    if (tag) tags.push(tag);
    i = end + 1;
  }
  return tags;
}
