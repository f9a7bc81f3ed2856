import { Server } from '@modelcontextprotocol/sdk/server/index.js';
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import { CallToolRequestSchema, ListToolsRequestSchema, type CallToolResult, type Tool } from '@modelcontextprotocol/sdk/types.js';
import { VERSION } from '../version';
import { FILE_KINDS } from '../model/kind';
import { catalog, explainRule, fix, MAX_TEXT, plan, ToolInputError, validate, type ToolResult } from './tools';

// zerops-lint mcp: the checks as MCP tools over stdio, for agents that write Zerops files. A thin front
// end over tools.ts; the protocol is the official SDK's. Tools read only the texts they are given.

const FILE_NAME = {
  type: 'string',
  description:
    'The file name, e.g. "zerops.yml" or "zerops-project-import.yml". It decides the kind with the content; relative, no "..".',
};
const KIND = {
  type: 'string',
  enum: FILE_KINDS.map((k) => k.id),
  description: 'Force the kind: "import" for a project/service import file, "zerops-yml" for a zerops.yml. Omit to decide by name and content.',
};
const TEXT = { type: 'string', maxLength: MAX_TEXT, description: 'The whole YAML text of the file.' };
const RELATED = {
  type: 'array',
  maxItems: 50,
  description:
    'Other files of the same project, checked against but not reported on: pass the import file when validating a zerops.yml (and the reverse) so setups, services, hostnames and ${service_variable} references are checked across them.',
  items: {
    type: 'object',
    properties: { fileName: FILE_NAME, text: TEXT },
    required: ['fileName', 'text'],
    additionalProperties: false,
  },
};

/** What validate and fix take: one file's text, how to read it, and the project's other files. */
const FILE_INPUT = {
  type: 'object' as const,
  properties: { text: TEXT, fileName: FILE_NAME, kind: KIND, related: RELATED },
  required: ['text'],
  additionalProperties: false,
};

const FINDING = {
  type: 'object',
  properties: {
    rule: { type: 'string' }, severity: { type: 'string', enum: ['error', 'warning', 'info', 'hint'] }, message: { type: 'string' },
    line: { type: 'integer' }, column: { type: 'integer' }, endLine: { type: 'integer' }, endColumn: { type: 'integer' },
    fixable: { type: 'boolean' }, docs: { type: 'string' },
  },
  required: ['rule', 'severity', 'message', 'line', 'column', 'fixable'],
};
const SUMMARY = {
  type: 'object',
  properties: { errors: { type: 'integer' }, warnings: { type: 'integer' }, information: { type: 'integer' } },
  required: ['errors', 'warnings', 'information'],
};

interface ToolDefinition {
  tool: Tool;
  run(args: unknown): ToolResult;
}

export const TOOLS: readonly ToolDefinition[] = [
  {
    tool: {
      name: 'validate',
      title: 'Check a Zerops file',
      description:
        'Checks a Zerops project import file or zerops.yml offline, the way Zerops would accept or reject it, and returns every finding ' +
        'with its rule id, severity (error: Zerops rejects it or it cannot work; warning: likely wrong; info/hint: advice), message, ' +
        '1-based line and column, and whether an automatic fix exists (use the fix tool). Errors must be fixed before importing or deploying. ' +
        'Pass the other files of the project in "related" for cross-file checks. Values of secrets are never echoed.',
      inputSchema: FILE_INPUT,
      outputSchema: {
        type: 'object',
        properties: { file: { type: 'string' }, kind: { type: 'string' }, findings: { type: 'array', items: FINDING }, summary: SUMMARY },
        required: ['file', 'kind', 'findings', 'summary'],
      },
      annotations: { readOnlyHint: true, openWorldHint: false, idempotentHint: true },
    },
    run: validate,
  },
  {
    tool: {
      name: 'fix',
      title: 'Apply the safe fixes',
      description:
        'Applies every safe automatic fix to a Zerops import file or zerops.yml and returns the new text, the fixes applied (rule, title, ' +
        'where) and the findings that remain, which need a human or model decision. Only edits that cannot change intent are applied; if ' +
        'two fixes overlap, the text is returned unchanged with the clash listed. Nothing is written anywhere: use the returned text.',
      inputSchema: FILE_INPUT,
      outputSchema: {
        type: 'object',
        properties: {
          file: { type: 'string' }, kind: { type: 'string' }, text: { type: 'string' }, changed: { type: 'boolean' },
          fixes: { type: 'array', items: { type: 'object' } }, clashed: { type: 'array', items: { type: 'object' } },
          remaining: { type: 'array', items: FINDING }, summary: SUMMARY,
        },
        required: ['file', 'kind', 'text', 'changed', 'fixes', 'remaining'],
      },
      annotations: { readOnlyHint: true, openWorldHint: false, idempotentHint: true },
    },
    run: fix,
  },
  {
    tool: {
      name: 'explain_rule',
      title: 'Explain a rule',
      description:
        'Explains one rule by its id (the "rule" of a finding, e.g. "valkey-version"): what it checks, why it matters on Zerops, a ' +
        'small example that triggers it, its default severity per file kind, what its automatic fix does, and a link to the docs.',
      inputSchema: {
        type: 'object',
        properties: { id: { type: 'string', description: 'The rule id, e.g. "valkey-mode-missing".' } },
        required: ['id'],
        additionalProperties: false,
      },
      annotations: { readOnlyHint: true, openWorldHint: false, idempotentHint: true },
    },
    run: explainRule,
  },
  {
    tool: {
      name: 'catalog',
      title: 'Zerops service types',
      description:
        'Zerops service types as this tool knows them. Without "type": every type with its category and offered versions. With "type" ' +
        '(e.g. "valkey", "postgresql@16", "valkey:ha@7.2"): its versions, modes (HA / NON_HA, the :single/:ha variants, node counts where ' +
        'known), the ports it listens on with their roles (read/write, read-only replicas, TLS), and the ${hostname_variable} names it ' +
        'exposes (secret ones marked). Use it before writing a type, a port or a variable reference.',
      inputSchema: {
        type: 'object',
        properties: { type: { type: 'string', description: 'A type or base name: "valkey", "nodejs@22", "postgresql:ha@16".' } },
        additionalProperties: false,
      },
      annotations: { readOnlyHint: true, openWorldHint: false, idempotentHint: true },
    },
    run: catalog,
  },
  {
    tool: {
      name: 'plan',
      title: 'Preview what an import creates',
      description:
        'Previews what importing a Zerops project would create, without contacting Zerops (which has no dry run). Pass the project ' +
        'import file and its zerops.yml files. Returns, per service: hostname, type as written and canonical (valkey@7.2 + mode HA → ' +
        'valkey:ha@7.2), node count, containers and scaling, public access, the setup and bases it builds with, the names (never the ' +
        'values) of the variables it gives and the secrets it gets; every connection between services with port, role (read/write, ' +
        'read-only replicas, TLS) and the variable it goes through; what Zerops drops or ignores; and the findings, errors first. The ' +
        'structured content is the versioned JSON of zerops-lint plan --format json.',
      inputSchema: {
        type: 'object',
        properties: {
          files: {
            type: 'array',
            minItems: 1,
            maxItems: 50,
            description: 'The project import file and the zerops.yml files that belong to it.',
            items: { type: 'object', properties: { fileName: FILE_NAME, text: TEXT }, required: ['fileName', 'text'], additionalProperties: false },
          },
        },
        required: ['files'],
        additionalProperties: false,
      },
      outputSchema: {
        type: 'object',
        properties: { version: { type: 'integer' }, projects: { type: 'array', items: { type: 'object' } } },
        required: ['version', 'projects'],
      },
      annotations: { readOnlyHint: true, openWorldHint: false, idempotentHint: true },
    },
    run: plan,
  },
];

function toolError(message: string): CallToolResult {
  return { isError: true, content: [{ type: 'text', text: message }] };
}

/** Runs a tool by name; every failure is a tool error the model can read, never a protocol error or a crash. */
export function callTool(name: string, args: unknown): CallToolResult {
  const def = TOOLS.find((t) => t.tool.name === name);
  if (!def) return toolError(`There is no tool "${name}"; the tools are ${TOOLS.map((t) => t.tool.name).join(', ')}.`);
  try {
    const result = def.run(args);
    return { content: [{ type: 'text', text: result.text }], structuredContent: result.structured };
  } catch (e) {
    if (e instanceof ToolInputError) return toolError(e.message);
    return toolError(`zerops-lint failed on this input (${e instanceof Error ? e.message : String(e)}); please report it with the input.`);
  }
}

export function createServer(): Server {
  const server = new Server(
    { name: 'zerops-lint', title: 'Zerops file checks', version: VERSION },
    {
      capabilities: { tools: {} },
      instructions:
        'Offline checks for Zerops infrastructure files (project import YAML and zerops.yml); Zerops itself has no offline validator. ' +
        'Call validate after writing or changing such a file and before importing or deploying it; fix applies the safe fixes; ' +
        'explain_rule explains a finding; catalog lists service types, versions, ports and variables; plan previews what an import would create.',
    },
  );
  server.setRequestHandler(ListToolsRequestSchema, async () => ({ tools: TOOLS.map((t) => t.tool) }));
  server.setRequestHandler(CallToolRequestSchema, async (request) => callTool(request.params.name, request.params.arguments));
  return server;
}

/**
 * Serves MCP over this process's stdin and stdout until stdin closes, then resolves. A line that is not
 * JSON-RPC gets a parse error reply and is skipped; diagnostics go to stderr, never stdout.
 */
export async function serveStdio(stdin: NodeJS.ReadableStream = process.stdin, stdout: NodeJS.WritableStream = process.stdout,
  log: (s: string) => void = (s) => process.stderr.write(s)): Promise<void> {
  const server = createServer();
  const transport = new StdioServerTransport(stdin as never, stdout as never);
  server.onerror = (error) => {
    log(`zerops-lint mcp: ${error.message}\n`);
    // JSON-RPC 2.0: a line that is not JSON (SyntaxError) or not a JSON-RPC message (the SDK's schema
    // check, a ZodError) gets a parse error with a null id; the transport has already skipped it.
    if (error instanceof SyntaxError || error.name === 'ZodError') {
      stdout.write(`${JSON.stringify({ jsonrpc: '2.0', id: null, error: { code: -32700, message: 'Parse error: each line must be one JSON-RPC message' } })}\n`);
    }
  };
  await server.connect(transport);
  await new Promise<void>((resolve) => {
    const done = () => resolve();
    stdin.once('end', done);
    stdin.once('close', done);
  });
  await server.close();
}
