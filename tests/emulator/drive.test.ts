import { Emulator } from '../../emulator';
import { NO_SUCH_FILE } from '../../emulator/services/drive';

/**
 * DriveApp as the add-on's "Export payouts" uses it (drive.file scope): files created
 * in the executing user's root, found by id and name, read back as a Blob, trashed,
 * kept in the saved workspace, listed for tests.
 */
type Globals = { DriveApp: GoogleAppsScript.Drive.DriveApp; MimeType: GoogleAppsScript.Base.MimeType; Utilities: GoogleAppsScript.Utilities.Utilities };

function world(): { emu: Emulator; g: Globals } {
  const emu = new Emulator();
  emu.clock.set('2026-04-01T09:30:00Z');
  return { emu, g: emu.globals() as unknown as Globals };
}

const CSV = 'payout_id,partner,amount\nPO-1,"Acme, Ltd",120.50\nPO-2,Café Ünïcode,99.00\n';

describe('DriveApp', () => {
  test('createFile(name, content, MimeType.CSV): a File with Google-shaped answers, listed by services.drive.list()', () => {
    const { emu, g } = world();
    expect(g.MimeType.CSV).toBe('text/csv');
    expect(g.MimeType.PLAIN_TEXT).toBe('text/plain');
    const file = g.DriveApp.createFile('Payouts 2026-03.csv', CSV, g.MimeType.CSV);
    const id = file.getId();
    expect(id).toMatch(/^[A-Za-z0-9_-]{10,}$/);
    expect(file.getName()).toBe('Payouts 2026-03.csv');
    expect(file.getMimeType()).toBe('text/csv');
    expect(file.getSize()).toBe(Buffer.byteLength(CSV, 'utf8'));
    expect(file.getUrl()).toBe(`https://drive.google.com/file/d/${id}/view?usp=drivesdk`);
    expect(file.getDateCreated()).toEqual(new Date('2026-04-01T09:30:00Z'));
    expect(file.getOwner().getEmail()).toBe('owner@example.com');
    expect(file.isTrashed()).toBe(false);
    const blob = file.getBlob();
    expect(blob.getDataAsString()).toBe(CSV);
    expect(blob.getContentType()).toBe('text/csv');
    expect(blob.getName()).toBe('Payouts 2026-03.csv');
    expect(emu.services.drive.list()).toEqual([
      { id, name: 'Payouts 2026-03.csv', mimeType: 'text/csv', content: CSV, owner: 'owner@example.com', createdAt: '2026-04-01T09:30:00.000Z', trashed: false },
    ]);
    expect(emu.calls.get('DriveApp.createFile')).toBe(1);
  });

  test("createFile(name, content) is plain text; createFile(blob) takes the blob's name, type and bytes", () => {
    const { g } = world();
    expect(g.DriveApp.createFile('notes.txt', 'hello').getMimeType()).toBe('text/plain');
    const blob = g.Utilities.newBlob('a,b\n1,2\n', 'text/csv', 'from-blob.csv');
    const file = g.DriveApp.createFile(blob);
    expect([file.getName(), file.getMimeType(), file.getBlob().getDataAsString()]).toEqual(['from-blob.csv', 'text/csv', 'a,b\n1,2\n']);
    // The file keeps its own copy.
    blob.setDataFromString('changed');
    expect(file.getBlob().getDataAsString()).toBe('a,b\n1,2\n');
  });

  test("wrong arguments get Apps Script's signature error", () => {
    const { g } = world();
    const drive = g.DriveApp as unknown as { createFile(...a: unknown[]): unknown };
    expect(() => drive.createFile('only a name')).toThrow("The parameters (String) don't match the method signature for DriveApp.createFile.");
    expect(() => drive.createFile('x.csv', null)).toThrow("The parameters (String,null) don't match the method signature for DriveApp.createFile.");
    expect(() => g.DriveApp.getFileById('')).toThrow('Invalid argument: id');
  });

  test('getFileById: the file; an unknown id or another user\'s file is Google\'s "No item with the given ID"', () => {
    const { emu, g } = world();
    const id = g.DriveApp.createFile('mine.csv', 'x', g.MimeType.CSV).getId();
    expect(g.DriveApp.getFileById(id).getName()).toBe('mine.csv');
    expect(() => g.DriveApp.getFileById('1NoSuchFile000')).toThrow(NO_SUCH_FILE);
    expect(NO_SUCH_FILE).toBe('No item with the given ID could be found. Possibly because you have not edited this item or you do not have permission to access it.');
    const asOther = () => emu.executions.run({ user: 'bob@example.com', origin: 'test' }, () => g.DriveApp.getFileById(id));
    expect(asOther).toThrow(NO_SUCH_FILE);
    try {
      asOther();
    } catch (e) {
      expect((e as Error).name).toBe('Exception');
    }
  });

  test('a spreadsheet id is not a Drive file the emulator keeps: not implemented, not "missing"', () => {
    const { emu, g } = world();
    expect(() => g.DriveApp.getFileById(emu.store.activeId)).toThrow(/^not implemented in emulator: DriveApp.getFileById/);
  });

  test("getFilesByName and the root folder: iterators over the user's own files (trashed ones included)", () => {
    const { emu, g } = world();
    const first = g.DriveApp.createFile('export.csv', 'one', g.MimeType.CSV);
    g.DriveApp.getRootFolder().createFile('export.csv', 'two', g.MimeType.CSV);
    g.DriveApp.createFile('other.csv', 'three');
    emu.executions.run({ user: 'bob@example.com', origin: 'test' }, () => g.DriveApp.createFile('export.csv', "bob's"));
    first.setTrashed(true);
    const names = (it: GoogleAppsScript.Drive.FileIterator) => {
      const out: string[] = [];
      while (it.hasNext()) {
        const f = it.next();
        out.push(`${f.getBlob().getDataAsString()}${f.isTrashed() ? ' (trashed)' : ''}`);
      }
      return out;
    };
    expect(names(g.DriveApp.getFilesByName('export.csv'))).toEqual(['one (trashed)', 'two']);
    const root = g.DriveApp.getRootFolder();
    expect(root.getName()).toBe('My Drive');
    expect(names(root.getFilesByName('export.csv'))).toEqual(['one (trashed)', 'two']);
    expect(names(g.DriveApp.getFilesByName('nothing'))).toEqual([]);
    const done = g.DriveApp.getFilesByName('other.csv');
    done.next();
    expect(() => done.next()).toThrow('Cannot retrieve the next object: iterator has reached the end.');
  });

  test('setTrashed / isTrashed; the file is still reachable by id', () => {
    const { emu, g } = world();
    const file = g.DriveApp.createFile('a.csv', 'x');
    expect(file.setTrashed(true)).toBe(file);
    expect(g.DriveApp.getFileById(file.getId()).isTrashed()).toBe(true);
    expect(emu.services.drive.list()[0].trashed).toBe(true);
    file.setTrashed(false);
    expect(file.isTrashed()).toBe(false);
  });

  test('needs AuthMode FULL; unknown members are "not implemented"', () => {
    const { emu, g } = world();
    expect(() => emu.executions.run({ authMode: 'LIMITED', origin: 'test' }, () => g.DriveApp.createFile('a', 'b'))).toThrow(
      'You do not have permission to call DriveApp.createFile. It needs AuthMode FULL; this execution runs in AuthMode LIMITED.',
    );
    const file = g.DriveApp.createFile('a', 'b');
    expect(() => (file as unknown as { makeCopy(): unknown }).makeCopy()).toThrow('not implemented in emulator: File.makeCopy');
    expect(() => (g.DriveApp as unknown as { getFoldersByName(): unknown }).getFoldersByName()).toThrow('not implemented in emulator: DriveApp.getFoldersByName');
  });

  test('folders: createFolder in the root, reached again by id by its creator only; moveTo files a file there', () => {
    const { emu, g } = world();
    const folder = g.DriveApp.createFolder('Archives');
    expect(folder.getName()).toBe('Archives');
    expect(folder.getUrl()).toBe(`https://drive.google.com/drive/folders/${folder.getId()}`);
    const file = g.DriveApp.createFile('a.csv', 'x', g.MimeType.CSV);
    expect(file.moveTo(folder).getId()).toBe(file.getId());
    expect(emu.services.drive.parentOf(file.getId())).toBe(folder.getId());
    const inIt = folder.getFiles();
    expect(inIt.next().getName()).toBe('a.csv');
    expect(inIt.hasNext()).toBe(false);
    expect(g.DriveApp.getFolderById(folder.getId()).getName()).toBe('Archives');
    expect(() => emu.executions.run({ user: 'bob@example.com', origin: 'test' }, () => g.DriveApp.getFolderById(folder.getId()))).toThrow(NO_SUCH_FILE);
    expect(() => file.moveTo('Archives' as unknown as GoogleAppsScript.Drive.Folder)).toThrow("The parameters (String) don't match the method signature for DriveApp.File.moveTo.");
    const back = Emulator.fromJSON(JSON.parse(JSON.stringify(emu.toJSON())));
    expect(back.services.drive.parentOf(file.getId())).toBe(folder.getId());
    expect(back.services.drive.listFolders()).toEqual(emu.services.drive.listFolders());
  });

  test('a spreadsheet the script created is a Drive file it reaches (name, URL, type, moveTo); its owner only', () => {
    const { emu, g } = world();
    const app = (emu.globals() as unknown as { SpreadsheetApp: GoogleAppsScript.Spreadsheet.SpreadsheetApp }).SpreadsheetApp;
    const made = emu.executions.run({ origin: 'test' }, () => app.create('Tracker — Audit Log 2025'));
    const file = g.DriveApp.getFileById(made.getId());
    expect([file.getName(), file.getMimeType(), file.getUrl()]).toEqual([
      'Tracker — Audit Log 2025',
      'application/vnd.google-apps.spreadsheet',
      `https://docs.google.com/spreadsheets/d/${made.getId()}/edit?usp=drivesdk`,
    ]);
    made.rename('Renamed');
    expect(g.DriveApp.getFileById(made.getId()).getName()).toBe('Renamed');
    const folder = g.DriveApp.createFolder('Archives');
    file.moveTo(folder);
    expect(emu.services.drive.parentOf(made.getId())).toBe(folder.getId());
    expect(folder.getFiles().next().getName()).toBe('Renamed');
    expect(() => emu.executions.run({ user: 'bob@example.com', origin: 'test' }, () => g.DriveApp.getFileById(made.getId()))).toThrow(NO_SUCH_FILE);
    const back = Emulator.fromJSON(JSON.parse(JSON.stringify(emu.toJSON())));
    expect((back.globals() as unknown as Globals).DriveApp.getFileById(made.getId()).getName()).toBe('Renamed');
  });

  test('files persist in the saved workspace (bytes exact), and new ids do not collide', () => {
    const { emu, g } = world();
    const id = g.DriveApp.createFile('Payouts.csv', CSV, g.MimeType.CSV).getId();
    const bytes = g.Utilities.newBlob([0, 1, 2, -1, -128, 127], 'application/octet-stream', 'raw.bin');
    const rawId = g.DriveApp.createFile(bytes).getId();
    const back = Emulator.fromJSON(JSON.parse(JSON.stringify(emu.toJSON())));
    const bg = back.globals() as unknown as Globals;
    expect(bg.DriveApp.getFileById(id).getBlob().getDataAsString()).toBe(CSV);
    expect(bg.DriveApp.getFileById(rawId).getBlob().getBytes()).toEqual([0, 1, 2, -1, -128, 127]);
    expect(back.services.drive.list()).toEqual(emu.services.drive.list());
    expect(bg.DriveApp.createFile('new', 'n').getId()).not.toBe(id);
    expect(bg.DriveApp.createFile('new', 'n').getId()).not.toBe(rawId);
  });

  test('a bundle-loaded script exports a CSV the way the add-on does', () => {
    const emu = new Emulator();
    emu.loadBundle(`
      function exportIt() {
        var file = DriveApp.createFile('Payouts.csv', 'a,b\\n1,2\\n', MimeType.CSV);
        var again = DriveApp.getFileById(file.getId());
        return { name: again.getName(), url: again.getUrl(), created: again.getDateCreated() instanceof Date, type: typeof MimeType.CSV };
      }
      function inLimited() { return DriveApp.getRootFolder().getName(); }
    `);
    const result = emu.run('exportIt') as { name: string; url: string; created: boolean; type: string };
    expect(result).toMatchObject({ name: 'Payouts.csv', created: true, type: 'string' });
    expect(emu.services.drive.list()[0].content).toBe('a,b\n1,2\n');
    expect(() => emu.run('inLimited', [], { authMode: 'LIMITED' })).toThrow('It needs AuthMode FULL');
  });
});
