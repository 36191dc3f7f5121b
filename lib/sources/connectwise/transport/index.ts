/** The ConnectWise Manage transport: settings, condition literals, HTTP, errors, paging and the REST client. */
export * from './settings';
export * from './conditions';
export * from './http';
export * from './errors';
export * from './paging';
export * from './client';
