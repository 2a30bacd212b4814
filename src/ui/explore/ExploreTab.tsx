import { FaceCanvas } from './FaceCanvas';

export default function ExploreTab() {
  return (
    <section aria-label="Explore the face model" className="explore">
      <div className="explore-view">
        <FaceCanvas />
      </div>
      <aside className="explore-help">
        <h2>Explore</h2>
        <p>
          The canonical face mesh from MediaPipe (468 vertices, Apache-2.0), seen by the camera of the original pipeline: perspective,
          50° field of view, 400 mm away. Drag to orbit, scroll to zoom.
        </p>
        <p>The full generative model — head, eyes, shape and texture spaces, expressions, pose and lighting sliders — builds on this mesh.</p>
      </aside>
    </section>
  );
}
