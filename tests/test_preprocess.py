import numpy as np
import pytest

from lrviz.core import DataError, Preprocessing


def test_layout_is_the_courses_reshape_divided_by_255(rng):
    images = rng.integers(0, 256, (5, 4, 3, 3), dtype=np.uint8)
    x = Preprocessing.fit(images).transform(images, np.float64)
    np.testing.assert_array_equal(x, images.reshape(5, -1) / 255.0)


def test_one_image_is_seen_exactly_as_in_a_batch(rng):
    images = rng.integers(0, 256, (5, 4, 3, 3), dtype=np.uint8)
    for scale in ("255", "standardize"):
        p = Preprocessing.fit(images, scale)
        np.testing.assert_array_equal(p.transform(images[3]), p.transform(images)[3:4])


def test_standardize_centres_and_scales_the_training_set(rng):
    images = rng.integers(0, 256, (50, 4, 4, 3), dtype=np.uint8)
    images[:, 0, 0, 0] = 7  # a constant pixel must not blow up
    x = Preprocessing.fit(images, "standardize").transform(images, np.float64)
    np.testing.assert_allclose(x.mean(axis=0), 0, atol=1e-12)
    np.testing.assert_allclose(x[:, 1:].std(axis=0), 1, atol=1e-9)
    np.testing.assert_allclose(x[:, 0], 0, atol=1e-9)


def test_wrong_image_size_is_a_clear_error():
    p = Preprocessing((64, 64, 3))
    with pytest.raises(DataError, match="32×32×3.*64×64×3"):
        p.transform(np.zeros((1, 32, 32, 3), np.uint8))


def test_a_vector_of_features_becomes_its_picture_channels_summed_or_one(rng):
    from lrviz.core.preprocess import picture
    images = rng.integers(0, 256, (3, 4, 5, 3), dtype=np.uint8)
    v = images[1].reshape(-1).astype(float)  # the course's flattening of one image
    np.testing.assert_array_equal(picture(v, (4, 5, 3)), images[1].sum(axis=2))
    np.testing.assert_array_equal(picture(v, (4, 5, 3), channel=2), images[1][:, :, 2])
    np.testing.assert_array_equal(picture(v[:2], (4, 5, 3)), v[None, :2])  # not one per pixel: one row
