import type { Rule } from '../rule';
import { baseOsMismatch, baseUnknown, baseVersionLegacy, baseVersionUnknown, baseWrongPhase, osBuildRunDiffer } from './bases';
import { baseTypeMismatch, envSecretCollision, referenceUnknownLocal, serviceSetupMissing, setupManagedService, setupUnknownService, subdomainNoHttpPort } from './cross';
import { addToRunPrepareUnused, cachePath, deployFilesPath, envBuildPrefixInRun, envSelfShadow, envSubdomainMultiport, envSystemKey, envValueFormat, pkgInstallNoSudo, pkgManagerOs, prepareCommandsAppFiles } from './env-build';
import { cronAllContainersMissing, cronTimingInvalid, dockerLatestTag, dockerNetworkHost, port443, portDuplicate, portHttpUdp, portProtocolCase, portRange, portWebserverNon80, probeDuration, probeNoopStart, probePortUndeclared, probeScheme, probeShape, routingHeaderQuoting, routingNonStatic, routingRedirect, siteConfigNotDeployed, siteConfigNotTemplate, startAndStartCommands, startBindsLocalhost, startBuildCommand, startMissing, webserverKeyNonWebserver } from './run';
import { fileEmpty, fileNameShadowed, preprocessorNotExpanded, setupsEmpty } from './schema';
import { deployFilesEmpty, deployFilesMissing, extendsCycle, extendsUnknown, runMissing, setupDuplicate } from './setups';

// The zerops.yml rules of shared/zerops-yml-spec.md §2 and §3, by the spec's ids (public interface), in the
// order their findings are listed. Each is defined beside its logic; ids an import-file rule already has
// (schema-*, deprecated-field, env-key-invalid, env-zerops-prefix, reference-unknown-service) are that rule.

export const ZEROPS_YML_RULES: readonly Rule[] = [
  // A. file
  fileEmpty, fileNameShadowed, setupsEmpty, preprocessorNotExpanded,
  // C. bases
  baseUnknown, baseVersionUnknown, baseVersionLegacy, baseWrongPhase, baseOsMismatch, osBuildRunDiffer,
  // D. setups
  setupDuplicate, extendsUnknown, extendsCycle, runMissing,
  // E. build
  deployFilesMissing, deployFilesEmpty, deployFilesPath, cachePath, addToRunPrepareUnused, prepareCommandsAppFiles, pkgInstallNoSudo, pkgManagerOs,
  // F. run and start
  startMissing, startAndStartCommands, startBuildCommand, startBindsLocalhost, dockerNetworkHost, dockerLatestTag, routingNonStatic, webserverKeyNonWebserver, siteConfigNotDeployed, siteConfigNotTemplate, routingRedirect, routingHeaderQuoting,
  // G. ports
  portRange, portProtocolCase, portDuplicate, portHttpUdp, port443, portWebserverNon80,
  // H. probes
  probeShape, probeDuration, probePortUndeclared, probeNoopStart, probeScheme,
  // I. cron
  cronAllContainersMissing, cronTimingInvalid,
  // J. env
  envSystemKey, envSelfShadow, envBuildPrefixInRun, envValueFormat, referenceUnknownLocal,
  // §3 cross-file
  serviceSetupMissing, setupUnknownService, setupManagedService, envSecretCollision, subdomainNoHttpPort, baseTypeMismatch, envSubdomainMultiport,
];
