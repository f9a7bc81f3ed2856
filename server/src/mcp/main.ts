import { serveStdio } from './server';

// dist/mcp.js: `zerops-lint mcp` loads this bundle only when asked, so the linter's start-up in hooks and
// CI does not pay for the MCP SDK. Also run directly by the VS Code extension's MCP server definition.

export function runMcp(argv: readonly string[]): void {
  if (argv.some((a) => a === '-h' || a === '--help')) {
    process.stdout.write(MCP_USAGE);
    return;
  }
  if (argv.length > 0) {
    process.stderr.write(`zerops-lint mcp: unexpected argument ${argv[0]}\n\n${MCP_USAGE}`);
    process.exitCode = 2;
    return;
  }
  serveStdio().then(
    () => process.exit(0),
    (e: unknown) => {
      process.stderr.write(`zerops-lint mcp: internal error: ${e instanceof Error ? e.stack ?? e.message : String(e)}\n`);
      process.exit(2);
    },
  );
}

export const MCP_USAGE = `Usage: zerops-lint mcp

Serves the checks as Model Context Protocol tools over stdin and stdout, for agents that write Zerops
files: validate, fix, explain_rule, catalog and plan. It reads no files and uses no network: every tool works
on the texts it is given. Add it to an agent as a stdio server with the command "npx zerops-lint mcp"
(or the path of zerops-lint); stdin closing ends it.
`;

if (require.main === module) runMcp(process.argv.slice(2));
