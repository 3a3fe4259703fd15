export * from './imap-poller';
export * from './import-file';
export * from './prepare-mail';
export * from './process-receipts';
export * from './smtp-receiver';
export * from './sorting';
