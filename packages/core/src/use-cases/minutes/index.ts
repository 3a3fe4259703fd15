// Minutes (referater): meetings from agenda and transcript, AI drafts and people's corrections as versions, DOCX.
export * from './access';
export * from './create-meeting';
export * from './export-minutes-docx';
export * from './generate-minutes';
export * from './get-meeting';
export * from './get-meeting-transcript';
export * from './list-meetings';
export * from './ports';
export * from './save-minutes-edit';
export * from './versions';
