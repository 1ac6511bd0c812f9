import numpy as np
import pytest

from lrviz.core import DataError, LogisticModel, Preprocessing
from lrviz.io import load_model, save_model


@pytest.mark.parametrize("scale", ["255", "standardize"])
def test_round_trip_predicts_the_same(tmp_path, rng, scale):
    images = rng.integers(0, 256, (30, 8, 8, 3), dtype=np.uint8)
    model = LogisticModel(rng.normal(size=192), 0.3, Preprocessing.fit(images, scale), ("dog", "cat"))
    save_model(tmp_path / "m.npz", model)
    again = load_model(tmp_path / "m.npz")
    assert again.classes == ("dog", "cat") and again.preprocessing.scale == scale
    np.testing.assert_array_equal(again.predict_proba(images), model.predict_proba(images))


def test_a_model_that_does_not_fit_its_images(tmp_path):
    np.savez(tmp_path / "m.npz", format=1, w=np.zeros(100), b=0.0, image_shape=[64, 64, 3],
             scale="255", classes=["non-cat", "cat"])
    with pytest.raises(DataError, match="'w' has 100 values but a 64×64×3 image gives 12288"):
        load_model(tmp_path / "m.npz")


def test_pickled_contents_are_never_loaded(tmp_path):
    np.savez(tmp_path / "evil.npz", format=1, w=np.array([object()], dtype=object), b=0.0,
             image_shape=[1, 1, 1], scale="255", classes=["a", "b"])
    with pytest.raises(DataError, match="field 'w' has values of type object"):
        load_model(tmp_path / "evil.npz")


@pytest.mark.parametrize("content, problem", [(b"not a zip", "not an lrviz model file"), (None, "no such file")])
def test_unreadable_model_files(tmp_path, content, problem):
    path = tmp_path / "m.npz"
    if content is not None:
        path.write_bytes(content)
    with pytest.raises(DataError, match=problem):
        load_model(path)


def test_missing_keys(tmp_path):
    np.savez(tmp_path / "m.npz", w=np.zeros(3))
    with pytest.raises(DataError, match="missing format, b, image_shape, scale, classes"):
        load_model(tmp_path / "m.npz")
