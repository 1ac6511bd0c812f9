"""The contract: the course's 20 costs (to 1e-5) and both accuracies, on the course's own data."""

import numpy as np
import pytest
from conftest import COURSE_COSTS, COURSE_TEST_ACCURACY, COURSE_TRAIN_ACCURACY, features

from lrviz.core import GradientDescent


@pytest.mark.parametrize("dtype", ["float32", "float64"])
@pytest.mark.parametrize("solver", ["auto", "primal", "gram"])
def test_the_course_table(course, dtype, solver):
    X, y, Xt, yt = features(course, dtype)
    trainer = GradientDescent(0.005, dtype=dtype, solver=solver).fit(X, y, 2000, Xt, yt)
    costs = trainer.history_.costs.values()
    assert trainer.n_iter_ == 2000
    np.testing.assert_allclose(costs[0:2000:100], COURSE_COSTS, rtol=0, atol=1e-5)
    assert trainer.train_accuracy() == COURSE_TRAIN_ACCURACY
    assert trainer.test_accuracy() == COURSE_TEST_ACCURACY


def test_course_data_as_the_lab_describes_it(course):
    assert course.train_images.shape == (209, 64, 64, 3) and course.test_images.shape == (50, 64, 64, 3)
    assert course.counts() == {"train": (137, 72), "test": (17, 33)}
    assert course.classes == ("non-cat", "cat")


def test_float32_and_float64_agree_to_1e5(course):
    runs = [GradientDescent(0.005, dtype=d, solver="primal").fit(*features(course, d)[:2], 500)
            for d in ("float32", "float64")]
    np.testing.assert_allclose(runs[0].history_.costs.values(), runs[1].history_.costs.values(), atol=1e-5)
    np.testing.assert_allclose(runs[0].w_, runs[1].w_, atol=1e-5)
