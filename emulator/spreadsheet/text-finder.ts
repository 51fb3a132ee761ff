import { ServiceObject } from '../core/facade';
import { AppsScriptException, notImplemented } from '../core/errors';
import { GridRect } from './a1';
import { RangeImpl, rangeFacade, writeCells } from './range';
import { SheetRef, currentUser } from './sheet-ref';

/**
 * TextFinder (developers.google.com/apps-script/reference/spreadsheet/text-finder), made by
 * `createTextFinder(findText)` on a Range, a Sheet or a Spreadsheet. It searches cells row by row
 * (a spreadsheet's sheets in their order), matching each cell's displayed text — or, with
 * `matchFormulaText(true)`, a formula cell's formula — case-insensitively and anywhere in the cell
 * unless `matchCase` / `matchEntireCell` say otherwise; `useRegularExpression` reads the text as a
 * regular expression (JavaScript's, not Google's RE2); `ignoreDiacritics` compares letters without
 * their accents. Blank cells never match.
 *
 * The emulator's readings, unverified against Google: findNext() does not wrap (null after the
 * last match) and findPrevious() with no current match starts from the end; findAll() leaves the
 * current match alone; replace skips formula cells unless matchFormulaText(true); the replaced
 * text is written as typed input (so "2000" becomes a number); replaceAllWith/replaceWith return the
 * number of cells changed. An empty search text is not implemented.
 */

interface Scope {
  /** Each sheet searched, with the part of it searched (a sheet or spreadsheet scope: its used cells, read at search time). */
  parts(): Array<{ ref: SheetRef; rect: GridRect }>;
}

interface Match {
  ref: SheetRef;
  part: number;
  row: number;
  column: number;
}

export class TextFinderImpl extends ServiceObject {
  private _case = false;
  private _entire = false;
  private _formulas = false;
  private _regex = false;
  private _diacritics = false;
  private _current: Match | null = null;
  private _from: Match | null = null;

  constructor(
    readonly _ctxRef: { ctx: SheetRef['ctx'] },
    private readonly _scope: Scope,
    private readonly _text: string,
  ) {
    super('TextFinder', _ctxRef.ctx);
  }

  matchCase(matchCase: boolean): GoogleAppsScript.Spreadsheet.TextFinder {
    this._case = Boolean(matchCase);
    return this._api();
  }

  matchEntireCell(matchEntireCell: boolean): GoogleAppsScript.Spreadsheet.TextFinder {
    this._entire = Boolean(matchEntireCell);
    return this._api();
  }

  matchFormulaText(matchFormulaText: boolean): GoogleAppsScript.Spreadsheet.TextFinder {
    this._formulas = Boolean(matchFormulaText);
    return this._api();
  }

  useRegularExpression(useRegEx: boolean): GoogleAppsScript.Spreadsheet.TextFinder {
    this._regex = Boolean(useRegEx);
    return this._api();
  }

  ignoreDiacritics(ignoreDiacritics: boolean): GoogleAppsScript.Spreadsheet.TextFinder {
    this._diacritics = Boolean(ignoreDiacritics);
    return this._api();
  }

  /** The search resumes immediately after the range's top-left cell. */
  startFrom(startRange: GoogleAppsScript.Spreadsheet.Range): GoogleAppsScript.Spreadsheet.TextFinder {
    const sheetId = startRange.getSheet().getSheetId();
    const parts = this._scope.parts();
    const part = parts.findIndex((p) => p.ref.sheet.id === sheetId);
    if (part < 0) throw new AppsScriptException('Invalid argument: startRange');
    this._from = { ref: parts[part].ref, part, row: startRange.getRow(), column: startRange.getColumn() };
    this._current = null;
    return this._api();
  }

  getCurrentMatch(): GoogleAppsScript.Spreadsheet.Range | null {
    return this._current ? cell(this._current) : null;
  }

  findAll(): GoogleAppsScript.Spreadsheet.Range[] {
    return this._matches().map(cell);
  }

  findNext(): GoogleAppsScript.Spreadsheet.Range | null {
    const after = this._current ?? this._from;
    const next = this._matches().find((m) => !after || compare(m, after) > 0) ?? null;
    if (next) this._current = next;
    return next ? cell(next) : null;
  }

  findPrevious(): GoogleAppsScript.Spreadsheet.Range | null {
    const before = this._current ?? this._from;
    const all = this._matches();
    let previous: Match | null = null;
    for (const m of all) if (!before || compare(m, before) < 0) previous = m;
    if (previous) this._current = previous;
    return previous ? cell(previous) : null;
  }

  replaceWith(replaceText: string): number {
    if (!this._current) return 0;
    return this._replace([this._current], String(replaceText));
  }

  replaceAllWith(replaceText: string): number {
    return this._replace(this._matches(), String(replaceText));
  }

  /** Cells the search covers (the latency model's measure of its cost). */
  _cellsInScope(): number {
    return this._scope.parts().reduce((n, p) => n + p.rect.numRows * p.rect.numColumns, 0);
  }

  _pattern(global: boolean): RegExp {
    if (this._text === '') notImplemented('TextFinder with an empty search text');
    let source = this._regex ? this._text : this._fold(this._text).replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    if (this._entire) source = `^(?:${source})$`;
    try {
      return new RegExp(source, `${this._case ? '' : 'i'}${global ? 'g' : ''}u`);
    } catch {
      throw new AppsScriptException(`Invalid regular expression: ${this._text}`);
    }
  }

  _fold(text: string): string {
    return this._diacritics ? text.normalize('NFD').replace(/\p{M}/gu, '') : text;
  }

  /** What a cell is searched as: its formula (matchFormulaText and a formula cell) or its displayed text; null when blank. */
  _textOf(ref: SheetRef, r: number, c: number): string | null {
    const formula = ref.sheet.formulas.get(r, c);
    if (formula !== undefined && this._formulas) return formula;
    const shown = new RangeImpl(ref, { row: r, column: c, numRows: 1, numColumns: 1 })._cellDisplay(r, c);
    return shown === '' ? null : shown;
  }

  _matches(): Match[] {
    const pattern = this._pattern(false);
    const out: Match[] = [];
    this._scope.parts().forEach(({ ref, rect }, part) => {
      for (let r = rect.row; r < rect.row + rect.numRows; r++) {
        for (let c = rect.column; c < rect.column + rect.numColumns; c++) {
          const text = this._textOf(ref, r, c);
          if (text !== null && pattern.test(this._fold(text))) out.push({ ref, part, row: r, column: c });
        }
      }
    });
    return out;
  }

  _replace(matches: Match[], replacement: string): number {
    const pattern = this._pattern(true);
    let changed = 0;
    for (const m of matches) {
      const isFormula = m.ref.sheet.formulas.get(m.row, m.column) !== undefined;
      if (isFormula && !this._formulas) continue;
      const text = this._textOf(m.ref, m.row, m.column);
      if (text === null) continue;
      // Diacritics are ignored for matching only: the replacement works on the text as it is.
      const next = this._diacritics ? replaceFolded(text, pattern, replacement, (t) => this._fold(t)) : text.replace(pattern, replacement);
      if (next === text) continue;
      const rect = { row: m.row, column: m.column, numRows: 1, numColumns: 1 };
      m.ref.spreadsheet.assertCanEdit(m.ref.sheet, rect, currentUser(m.ref));
      writeCells(m.ref, rect, () => next);
      changed++;
    }
    return changed;
  }
}

/** Replaces where the folded text matches; a character and its folded form align only when folding keeps lengths, else not implemented. */
function replaceFolded(text: string, pattern: RegExp, replacement: string, fold: (t: string) => string): string {
  const chars = [...text];
  if (chars.some((ch) => [...fold(ch)].length !== 1)) notImplemented('TextFinder.replaceAllWith with ignoreDiacritics(true) on decomposed text');
  const folded = chars.map(fold).join('');
  let out = '';
  let last = 0;
  for (const m of folded.matchAll(pattern)) {
    out += text.slice(last, m.index) + m[0].replace(new RegExp(pattern.source, pattern.flags.replace('g', '')), replacement);
    last = (m.index ?? 0) + m[0].length;
    if (m[0].length === 0) break;
  }
  return out + text.slice(last);
}

function compare(a: Match, b: Match): number {
  return a.part - b.part || a.row - b.row || a.column - b.column;
}

function cell(m: Match): GoogleAppsScript.Spreadsheet.Range {
  return rangeFacade(m.ref, { row: m.row, column: m.column, numRows: 1, numColumns: 1 });
}

/** The used part of a sheet (A1 to its last row and column with content). */
function usedRect(ref: SheetRef): GridRect {
  return { row: 1, column: 1, numRows: Math.max(0, ref.sheet.lastRow()), numColumns: Math.max(0, ref.sheet.lastColumn()) };
}

export function textFinderOfRange(ref: SheetRef, rect: GridRect, findText: string): GoogleAppsScript.Spreadsheet.TextFinder {
  return new TextFinderImpl(ref, { parts: () => [{ ref, rect }] }, String(findText))._api();
}

export function textFinderOfSheet(ref: SheetRef, findText: string): GoogleAppsScript.Spreadsheet.TextFinder {
  return new TextFinderImpl(ref, { parts: () => [{ ref, rect: usedRect(ref) }] }, String(findText))._api();
}

export function textFinderOfSpreadsheet(home: { ctx: SheetRef['ctx'] }, refs: () => SheetRef[], findText: string): GoogleAppsScript.Spreadsheet.TextFinder {
  return new TextFinderImpl(home, { parts: () => refs().map((ref) => ({ ref, rect: usedRect(ref) })) }, String(findText))._api();
}
