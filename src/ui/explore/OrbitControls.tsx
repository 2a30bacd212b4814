import { useThree } from '@react-three/fiber';
import { useEffect } from 'react';
import { OrbitControls as ThreeOrbitControls } from 'three/addons/controls/OrbitControls.js';

interface Props {
  target: [number, number, number];
}

/** three's OrbitControls, rendering on demand: each change invalidates one frame. */
export function OrbitControls({ target }: Props) {
  const camera = useThree((s) => s.camera);
  const domElement = useThree((s) => s.gl.domElement);
  const invalidate = useThree((s) => s.invalidate);
  const [x, y, z] = target;

  useEffect(() => {
    const controls = new ThreeOrbitControls(camera, domElement);
    controls.target.set(x, y, z);
    controls.minDistance = 150;
    controls.maxDistance = 900;
    controls.update();
    const onChange = () => {
      invalidate();
    };
    controls.addEventListener('change', onChange);
    invalidate();
    return () => {
      controls.removeEventListener('change', onChange);
      controls.dispose();
    };
  }, [camera, domElement, invalidate, x, y, z]);

  return null;
}
