/** WebLLM's prebuilt model records, read from the installed package at build time (build/webllmCatalog.ts). */
declare module 'virtual:webllm-catalog' {
  import type { ModelRecord } from '@mlc-ai/web-llm';
  const records: ModelRecord[];
  export default records;
}
