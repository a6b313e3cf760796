export type { PrivacyModel, TableModel, ClassView, SensitiveHistogram, GroundDistance } from './models.ts';
export {
  kAnonymity, maxProsecutorRisk, maxAverageRisk, distinctLDiversity, entropyLDiversity,
  recursiveCLDiversity, tCloseness, deltaPresence, kMap, personKAnonymity,
} from './models.ts';
