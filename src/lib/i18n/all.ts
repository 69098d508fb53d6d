// Every catalogue, loaded up front, for code that translates synchronously for any reader: the Worker (push texts,
// feeds, the embed page), server rendering and the service worker. Pages in the browser load what they need
// instead (loadCatalogue, loadPoliceCatalogues).
import { en } from './messages/en';
import { pagesEn, pagesZhCN } from './messages/pages';
import { policeEn, policeZhCN } from './messages/police';
import { addCatalogue, markAllLoaded } from './translate';

addCatalogue('en', en);
addCatalogue('zh-CN', policeZhCN);
addCatalogue('en', policeEn);
addCatalogue('zh-CN', pagesZhCN);
addCatalogue('en', pagesEn);
markAllLoaded();

export * from './translate';
