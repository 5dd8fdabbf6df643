/** The addresses of live IAM policies: written once in core (core/client/liveAddress.ts), where access reads them too. */
export * from '../../core/client/liveAddress';
