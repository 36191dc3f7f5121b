/** The Exact Online transport: HTTP, OData literals, errors, tokens and the REST client. */
export * from '../../../http/send';
export * from './odata';
export * from './errors';
export * from './tokens';
export * from './client';
