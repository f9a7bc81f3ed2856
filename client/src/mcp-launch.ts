import * as path from 'node:path';

// How VS Code starts `zerops-lint mcp` for its agents: the extension host's own runtime run as Node
// (ELECTRON_RUN_AS_NODE; in code-server it is Node already) on the MCP bundle shipped in the extension.
// Nothing from the workspace is run. Kept free of the vscode module so a test can start it for real.

export const MCP_PROVIDER_ID = 'zerops.mcp';

export interface McpLaunch {
  command: string;
  args: string[];
  env: Record<string, string>;
}

export function mcpLaunch(extensionPath: string, execPath: string): McpLaunch {
  return { command: execPath, args: [path.join(extensionPath, 'dist', 'mcp.js')], env: { ELECTRON_RUN_AS_NODE: '1' } };
}
