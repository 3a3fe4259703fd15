// Consultations (høringer): import, theme review, assignments by AI and by people kept apart, live quality, the memo.
export * from './access';
export * from './add-consultation-theme';
export * from './correct-consultation-assignment';
export * from './create-consultation';
export * from './decide-consultation-theme';
export * from './draft-consultation-memo';
export * from './get-consultation';
export * from './import-consultation-responses';
export * from './list-consultations';
export * from './map-consultation-responses';
export * from './merge-consultation-themes';
export * from './ports';
export * from './update-consultation-theme';
export * from './view';
