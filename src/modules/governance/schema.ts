export * from './context-schema.ts';
