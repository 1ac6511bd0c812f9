import numpy as np
import pytest

from lrviz.core import LogisticModel, Preprocessing
from lrviz.core import model as M


def test_sigmoid_matches_definition_and_never_overflows():
    z = np.linspace(-30, 30, 601)
    np.testing.assert_allclose(M.sigmoid(z), 1 / (1 + np.exp(-z)), rtol=1e-12)
    huge = M.sigmoid(np.array([-1e308, -800.0, 800.0, 1e308]))
    assert huge.tolist() == [0.0, 0.0, 1.0, 1.0]


def test_accuracy_is_printed_the_course_way():
    z = np.array([1.0, -1.0, 2.0])
    assert M.accuracy_percent(z, np.array([1, 0, 0])) == 100 - 1 / 3 * 100


def test_model_predicts_and_explains_one_image():
    prep = Preprocessing((2, 2, 3))
    w = np.zeros(12)
    w[0] = 255.0  # the red of the top-left pixel decides
    model = LogisticModel(w, -128.0, prep)
    img = np.zeros((2, 2, 3), np.uint8)
    img[0, 0, 0] = 255
    assert model.predict_proba(img)[0] == pytest.approx(1 / (1 + np.exp(-127.0)))
    contrib = model.contributions(img)
    assert contrib.shape == (2, 2, 3) and contrib[0, 0, 0] == 255.0 and np.count_nonzero(contrib) == 1
    assert model.predict(np.stack([img, np.zeros_like(img)])).tolist() == [1, 0]


def test_model_rejects_weights_that_do_not_fit_its_images():
    with pytest.raises(ValueError, match="12 features"):
        LogisticModel(np.zeros(5), 0.0, Preprocessing((2, 2, 3)))


def test_logits_in_blocks_and_from_features_are_the_same_numbers(rng):
    images = rng.integers(0, 256, (10, 4, 4, 3), dtype=np.uint8)
    prep = Preprocessing((4, 4, 3))
    model = LogisticModel(rng.normal(size=48), -0.3, prep, ("dog", "cat"))
    whole = model.logits_of(prep.transform(images, np.float64))
    np.testing.assert_allclose(model.logits(images, block=3), whole, rtol=1e-12)  # 4 blocks: 3, 3, 3, 1
    np.testing.assert_allclose(model.logits(images[0]), whole[:1], rtol=1e-12)
    assert [model.label(z) for z in whole] == [("dog", "cat")[int(z > 0)] for z in whole]
    np.testing.assert_array_equal(model.contributions(images[4]),
                                  model.contributions_of(prep.transform(images[4], np.float64)[0]))
