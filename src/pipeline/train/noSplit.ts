/**
 * What a researcher reads when a dataset has no saved split (train, its data, analyse): where the
 * split is made, since the Dataset tab folds it under each dataset's row.
 */
export const WHERE_TO_SPLIT =
  'In the Dataset tab, open “Split and export” in its row, choose the training / validation / testing identities and save the split.';

/** "Dataset 'faces' has no saved split. In the Dataset tab, open …". */
export function noSplitMessage(datasetName: string): string {
  return `Dataset '${datasetName}' has no saved split. ${WHERE_TO_SPLIT}`;
}
