/**
 * Swedish words for the record's English identifiers (roles, organisation kinds, round states),
 * used in the tables people open in Excel. An identifier without a Swedish word is shown as is.
 */
const ROLE_SV: Record<string, string> = {
  participant: 'deltagare',
  mentor: 'mentor',
  co_mentor: 'medmentor',
  supporting_mentor: 'stödjande mentor',
};
const KIND_SV: Record<string, string> = { kommun: 'kommun', region: 'region', stadsdel: 'stadsdel', forbund: 'förbund', forvaltning: 'förvaltning' };
const STATUS_SV: Record<string, string> = {
  completed: 'genomförd', ongoing: 'pågår', running: 'pågår', planned: 'planerad', preparing: 'förbereds', cancelled: 'inställd', superseded: 'ersatt',
};

export const roleSv = (role: string): string => ROLE_SV[role] ?? role;
export const kindSv = (kind: string): string => KIND_SV[kind] ?? kind;
export const statusSv = (status: string): string => STATUS_SV[status] ?? status;
