import { PlannedTab } from '../PlannedTab';

export function TrainTab() {
  return (
    <PlannedTab
      title="Train"
      steps={[
        'train ResNet, CORnet-Z, VGG16 or StereoResNet on one or several generative targets',
        'show live loss and metric curves, checkpoint every epoch and resume after a reload',
      ]}
    />
  );
}
