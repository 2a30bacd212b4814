/** Which identities share textures: a face model's textures are a function of these fields only. */
import type { FaceIdentity } from './faceModel';

type TexturedIdentity = Pick<FaceIdentity, 'gender' | 'ethn' | 'age' | 'tex'>;

/** Keys already made, per identity object: generation asks for one identity's key once per image. */
const keys = new WeakMap<TexturedIdentity, string>();

/**
 * What a face model's textures depend on (FaceModel.textures reads nothing else of the identity).
 * Identities are not changed once made, so an object's key is kept.
 */
export function textureKey(identity: TexturedIdentity): string {
  let key = keys.get(identity);
  if (key === undefined) {
    key = JSON.stringify([identity.gender, identity.ethn, identity.age, identity.tex.map((band) => Array.from(band))]);
    keys.set(identity, key);
  }
  return key;
}
