// graphql-ws publishes its ws adapter only through package "exports", which this project's
// moduleResolution (node10) does not read for types; at run time require() resolves it.
declare module 'graphql-ws/use/ws' {
  export * from 'graphql-ws/dist/use/ws';
}
