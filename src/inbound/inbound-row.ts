import { InboundInput, InboundOutput } from '../domain/inbound';
import { CellValue, readIsoDate, readText } from '../tracker/cells';

/** An Inbound row's cells as the run and the edit trigger both read them (amounts as the cell's number, dates as YYYY-MM-DD). */
export function inboundCellsOf(rec: Readonly<Record<string, CellValue>>, timeZone: string): { input: InboundInput; output: InboundOutput } {
  const money = (v: CellValue) => (typeof v === 'number' ? v : readText(v));
  const date = (v: CellValue) => (v instanceof Date ? readIsoDate(v, timeZone) : readText(v));
  return {
    input: {
      kind: readText(rec.kind),
      externalId: readText(rec.externalId),
      partner: readText(rec.partner),
      company: readText(rec.company),
      website: readText(rec.website),
      contactName: readText(rec.contactName),
      contactEmail: readText(rec.contactEmail),
      product: readText(rec.product),
      dealValue: money(rec.dealValue),
      leadId: readText(rec.leadId),
      newStatus: readText(rec.newStatus),
      wonAmount: money(rec.wonAmount),
      closeDate: date(rec.closeDate),
      note: readText(rec.note),
    },
    output: { result: readText(rec.result), resultLeadId: readText(rec.resultLeadId), stamp: readText(rec.stamp), problems: readText(rec.problems) },
  };
}
