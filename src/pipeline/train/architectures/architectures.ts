/** The model zoo (DESIGN.md section 1 step 3): what the UI lists and what buildModel accepts. */
export const ARCHITECTURE_IDS = [
  'ResNet6',
  'ResNet10',
  'ResNet18',
  'ResNet34',
  'CORnet-Z',
  'VGG16',
  'StereoResNet6',
] as const;
export type ArchitectureId = (typeof ARCHITECTURE_IDS)[number];

export interface ArchitectureInfo {
  id: ArchitectureId;
  label: string;
  /** Takes a left and a right image (a binocular dataset). */
  binocular: boolean;
  /** The body halves the image this many times before global pooling ... */
  halvings: number;
  /** ... so images need at least 2^halvings pixels a side. */
  minInputSize: number;
  description: string;
}

function info(
  id: ArchitectureId,
  label: string,
  halvings: number,
  description: string,
  binocular = false,
): ArchitectureInfo {
  return { id, label, binocular, halvings, minInputSize: 2 ** halvings, description };
}

export const ARCHITECTURES: readonly ArchitectureInfo[] = [
  info(
    'ResNet6',
    'ResNet-6',
    3,
    'Stem 7x7/2 conv + 3x3/2 max-pool, 2 x 128 and 2 x 256 single-conv pre-activation blocks, global pool.',
  ),
  info('ResNet10', 'ResNet-10', 5, 'Pre-activation ResNet, stages 64/128/256/512 with 1/1/1/1 basic blocks.'),
  info('ResNet18', 'ResNet-18', 5, 'Pre-activation ResNet, stages 64/128/256/512 with 2/2/2/2 basic blocks.'),
  info('ResNet34', 'ResNet-34', 5, 'Pre-activation ResNet, stages 64/128/256/512 with 3/4/6/3 basic blocks.'),
  info('CORnet-Z', 'CORnet-Z', 5, 'V1, V2, V4, IT: conv + ReLU + 3x3/2 max-pool each (64/128/256/512), global pool.'),
  info(
    'VGG16',
    'VGG-16',
    5,
    '13 3x3 convs with ReLU and 5 max-pools; global average pooling instead of the 4096-unit layers.',
  ),
  info(
    'StereoResNet6',
    'Stereo ResNet-6',
    3,
    'ResNet-6 with one stem shared by the left and right image, fused by channel concatenation.',
    true,
  ),
];

export function architectureInfo(id: ArchitectureId): ArchitectureInfo {
  const found = ARCHITECTURES.find((a) => a.id === id);
  if (found === undefined) throw new Error(`unreachable: architecture ${id} is not listed`);
  return found;
}

/**
 * Keras' 0.99 averages the batch statistics over ~100 steps; on browser-sized datasets that is
 * several epochs, so inference-mode statistics lag the weights and validation collapses. The
 * original's notes found 0.1-0.5 train far better (0.1 with batch 64 best); 0.5 (a ~2-step
 * window) is the top of that range, a little less noisy with the small batches browsers use.
 * (Here, not in buildModel.ts: forms read it without loading tfjs.)
 */
export const DEFAULT_BATCH_NORM_MOMENTUM = 0.5;
