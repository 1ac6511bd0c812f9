"""The learner's own arrays (lrviz.show): the course's three layouts give the course's data, to the
last pixel and the last digit of the table; a bad array is one sentence naming it and its shape."""

import numpy as np
import pytest
from conftest import COURSE_COSTS, features

from lrviz.core import DataError, GradientDescent
from lrviz.io.arrays import dataset_from_arrays, image_shape, parameters_of


def lab_arrays(course):
    """The notebook's variables: train_set_x_orig, train_set_y (1, m), and their test twins."""
    return (course.train_images, course.train_labels.reshape(1, -1).astype(np.int64),
            course.test_images, course.test_labels.reshape(1, -1).astype(np.int64))


def test_the_notebooks_three_layouts_are_the_course_data(course):
    x, y, xt, yt = lab_arrays(course)
    m, mt = x.shape[0], xt.shape[0]
    layouts = {
        "images, as loaded": (x, y, xt, yt),
        "the lab's flattened / 255": (x.reshape(m, -1).T / 255, y, xt.reshape(mt, -1).T / 255, yt),
        "scikit-learn's (m, n_x), y (m,)": (x.reshape(m, -1).astype(np.float32) / 255, y.ravel(),
                                            xt.reshape(mt, -1), yt.ravel()),
    }
    for name, arrays in layouts.items():
        before = [a.copy() for a in arrays]
        ds = dataset_from_arrays(*arrays)
        for a, b in zip(arrays, before, strict=True):  # the learner's arrays are read, never changed
            np.testing.assert_array_equal(a, b)
        np.testing.assert_array_equal(ds.train_images, course.train_images, err_msg=name)
        np.testing.assert_array_equal(ds.test_images, course.test_images, err_msg=name)
        np.testing.assert_array_equal(ds.train_labels, course.train_labels, err_msg=name)
        assert ds.counts() == course.counts() and ds.image_shape == (64, 64, 3)
    X, y, _, _ = features(ds)
    costs = GradientDescent(0.005).fit(X, y, 101).history_.costs.values()
    assert f"{costs[100]:.6f}" == f"{COURSE_COSTS[1]:.6f}"  # the lab's number at iteration 100


def test_without_a_test_set_and_with_the_learners_own_start(course):
    x, y, _, _ = lab_arrays(course)
    ds = dataset_from_arrays(x, y)
    assert len(ds.test_labels) == 0 and ds.test_images.shape == (0, 64, 64, 3)
    w = np.full((12288, 1), 1e-4)  # the lab's (n_x, 1)
    start, b = parameters_of(w, np.float64(-0.5), ds.n_features)
    assert start.shape == (12288,) and b == -0.5 and start is not w
    with pytest.raises(DataError, match=r"w must hold one weight per feature.*n_x = 12288; got \(100, 1\)"):
        parameters_of(np.zeros((100, 1)), 0.0, 12288)
    with pytest.raises(DataError, match="b must be one number"):
        parameters_of(w, [0.0, 1.0], 12288)
    with pytest.raises(DataError, match="finite"):
        parameters_of(w * np.nan, 0.0, 12288)


@pytest.mark.parametrize(("make", "message"), [
    (lambda x, y: (x.reshape(209, -1).T, np.ones((1, 150))), r"X is \(12288, 209\) but Y has 150 labels"),
    (lambda x, y: (x[:100], y), r"X holds 100 images of shape \(64, 64, 3\) but Y has 209 labels"),
    (lambda x, y: (np.where(np.arange(209)[:, None] == 3, np.nan, x.reshape(209, -1) / 255), y.ravel()),
     "X holds 12288 values that are not numbers"),
    (lambda x, y: ((x.reshape(209, -1) - 128.0) / 60.0, y.ravel()), r"pass the images before standardising"),
    (lambda x, y: (x.reshape(209, -1).astype(str), y.ravel()), "X must hold numbers"),
    (lambda x, y: (x, np.zeros(209)), "one class only"),
    (lambda x, y: (x, y * 2), r"Y must be 0 or 1, found \[2\]"),
    (lambda x, y: (np.zeros((5, 5)), np.array([0, 1, 0, 1, 1])), r"X is \(5, 5\), as many examples as features"),
    (lambda x, y: (x[0], y), r"X holds 64 images"),
])
def test_a_bad_array_is_one_sentence_naming_it_and_its_shape(course, make, message):
    x, y, _, _ = lab_arrays(course)
    with pytest.raises(DataError, match=message) as err:
        dataset_from_arrays(*make(x, y))
    assert str(err.value).startswith("arrays: ") and "\n" not in str(err.value)


def test_a_test_set_needs_its_labels_and_pictures_are_guessed_from_the_number_of_features():
    with pytest.raises(DataError, match="give both X_test and Y_test"):
        dataset_from_arrays(np.zeros((4, 3)), np.array([0, 1, 0, 1]), X_test=np.zeros((2, 3)))
    assert image_shape(12288) == (64, 64, 3) and image_shape(3 * 32 * 32) == (32, 32, 3)
    assert image_shape(28 * 28) == (28, 28, 1) and image_shape(10) == (1, 10, 1)
