"""The bowl panel's words, made from the numbers of a :class:`lrviz.core.bowl.Bowl`: which plane it
shows (each axis named, its letter defined), what each mark is, what the steps across the valley
do (α·λ_max against 1 and 2), what the green dot promises, and why the plane or the view changed.
Every sentence in the window's language (context "BowlPanel")."""

from __future__ import annotations

import math

import numpy as np

from lrviz.core import losses
from lrviz.core.bowl import Bowl
from lrviz.core.planes import AXES
from lrviz.ui.i18n import QT_TRANSLATE_NOOP, translate
from lrviz.ui.panels import loss_words

PLANE_CHOICES = ((QT_TRANSLATE_NOOP("BowlPanel", "Slice: along the path × across the valley"), "valley"),
                 (QT_TRANSLATE_NOOP("BowlPanel", "Slice: where w has moved × b"), "b"),
                 (QT_TRANSLATE_NOOP("BowlPanel", "Slice: the path's two main directions (PCA)"), "pca"))

def letters(bowl: Bowl) -> tuple[str, str]:
    return tuple(letter for letter, _ in AXES[bowl.plane.kind])


def axis_words(bowl: Bowl) -> tuple[str, str]:
    return tuple(translate("BowlPanel", words) for _, words in AXES[bowl.plane.kind])


def axis_names(bowl: Bowl) -> tuple[str, str]:
    """The axes as the plots name them: "s: along the path"."""
    return tuple(f"{letter}: {translate('BowlPanel', words)}" for letter, words in AXES[bowl.plane.kind])


def slice_titles(bowl: Bowl) -> tuple[str, str]:
    """The 1-D plots' names, under their axes: "s: along the path (t held)"."""
    (a, _), (b, _) = AXES[bowl.plane.kind]
    wa, wb = axis_words(bowl)
    return (translate("BowlPanel", "{letter}: {words} ({other} held)").format(words=wa, letter=a, other=b),
            translate("BowlPanel", "{letter}: {words} ({other} held)").format(words=wb, letter=b, other=a))


def j_name(bowl: Bowl) -> str:
    """The drawn cost's name on the J axis: "J" for the course's loss, another named: "J (squared error)"."""
    if losses.get(bowl.loss).course:
        return "J"
    return translate("BowlPanel", "J ({loss})").format(loss=loss_words(bowl.loss, "noun"))


def title(bowl: Bowl) -> str:
    if losses.get(bowl.loss).title is not None:  # the drawn loss's own (the squared error's)
        return loss_words(bowl.loss, "title")
    kind = bowl.plane.kind
    if kind == "exact":
        return translate("BowlPanel", "Cost J(w, b) — one weight w and a bias b: the whole bowl")
    if kind == "steepest":
        if bowl.path_iter[-1] == 0:
            return translate("BowlPanel", "Cost J around the start: along the valley (s) × across it (t), no step yet")
        return translate("BowlPanel", "Cost J along the valley (s) × across it (t): the path has no direction yet")
    if kind == "valley":
        return translate("BowlPanel", "Cost J along the path (s) × across the valley (t)")
    if kind == "b":
        return translate("BowlPanel", "Cost J over b and the direction in which w has moved")
    return translate("BowlPanel", "Cost J over the path's two main directions (its principal components)")


def legend(bowl: Bowl, learning_rate: float, followed_lr: float | None = None) -> str:
    """What each mark of the picture is, in a line or two."""
    kept = bool(bowl.others) and all(p.kept for p in bowl.others)  # the family's runs, not a race's
    path = translate("BowlPanel", "each run's path in its colour") if bowl.others and not kept else \
        translate("BowlPanel", "white: the path, a dot per step (bold: the last 16), black dot: its start")
    if kept:
        path += translate("BowlPanel", " · in colour: the other runs kept, as on the cost curves (a branch leaves "
                          "its run where it began)")
    text = translate("BowlPanel", "{path} · red: now, and the next step −α·(dw, db) at α = {lr}, to scale{bottom} · "
                     "floor: contours of J").format(
        path=path, lr=f"{learning_rate:g}",
        bottom=translate("BowlPanel", " · green: this slice's lowest point") if bowl.bottom_in_view else "")
    if not bowl.exact and len(bowl.path_iter) > 1:
        text += translate("BowlPanel", " · {share} % of the recent steps lie in this slice (grey lines: off "
                          "it)").format(share=f"{100 * bowl.share:.0f}")
    stretch = (np.ptp(bowl.s) / np.ptp(bowl.t)) if np.ptp(bowl.t) > 0 else 1.0
    if not bowl.exact and max(stretch, 1 / stretch) >= 3:  # the box is square: a narrow valley looks round
        a, b = letters(bowl)
        text += translate("BowlPanel", " · {wide} is stretched {k}× against {narrow}: the valley is narrower than "
                          "it looks").format(wide=b if stretch > 1 else a, narrow=a if stretch > 1 else b,
                                          k=f"{max(stretch, 1 / stretch):.0f}")
    text += translate("BowlPanel", " · below: J along each axis through the ball (dashed: its tangent; hollow dot: "
                      "after the step)")
    if bowl.others and followed_lr is not None:
        text += translate("BowlPanel", " · the red ball is the run followed, α = {lr}").format(lr=f"{followed_lr:g}")
    return text


def alpha_lambda_text(value: float) -> str:
    """α·λ_max to two decimals (its thresholds are 1 and 2), or two significant digits when smaller
    than 0.1: a creeping α·λ_max of 0.00125 read "0.00"."""
    return f"{value:.2f}" if not math.isfinite(value) or abs(value) >= 0.1 else f"{value:.2g}"


def steps_across(bowl: Bowl) -> str:
    """What α·λ_max says about the steps across the valley (J's most curved direction), and what the
    path's bounce is doing (lrviz.core.bowl.Bounce), in a sentence or two."""
    c = bowl.curvature
    if c is None or not math.isfinite(c.alpha_lambda) or bowl.loss != bowl.trained:
        return ""
    if bowl.plane.kind in ("valley", "steepest"):
        across = translate("BowlPanel", "across the valley")
    elif bowl.exact:
        across = translate("BowlPanel", "along J's most curved direction (a mix of w and b)")
    else:
        across = translate("BowlPanel", "along J's most curved direction")
    value, lam = ("≈ " if not c.converged else "") + alpha_lambda_text(c.alpha_lambda), f"{c.lambda_max:.4g}"
    fields = dict(value=value, lam=lam, across=across)
    if len(bowl.path_iter) == 1:  # no step taken yet: what the steps will do, not what they did
        return {"grow": translate("BowlPanel", "λ_max = {lam} says how sharply J curves {across}; times α it is "
                                  "{value}, above 2: each step will land farther past the floor than it started, so "
                                  "the path will bounce from wall to wall and the cost zig-zag."),
                "overshoot": translate("BowlPanel", "λ_max = {lam} says how sharply J curves {across}; times α it "
                                       "is {value}, between 1 and 2: each step will overshoot the floor, but land "
                                       "closer than it started."),
                "creep": translate("BowlPanel", "λ_max = {lam} says how sharply J curves {across}; times α it is "
                                   "{value}, below 1: the steps will creep towards the floor without crossing "
                                   "it.")}[c.regime].format(**fields)
    b = bowl.bounce
    if c.regime == "grow" and b is None:
        return translate("BowlPanel", "λ_max = {lam} says how sharply J curves {across}; times α it is {value}, above "
                         "2: at this sharpness a step lands farther past the floor than it started.").format(**fields)
    if c.regime == "grow" and b.trend == "growing":
        return translate("BowlPanel", "λ_max = {lam} says how sharply J curves {across}; times α it is {value}, above "
                         "2: each step lands farther past the floor than it started, so the bounce grows and the "
                         "cost zig-zags.").format(**fields)
    if c.regime == "grow":
        text = translate("BowlPanel", "λ_max = {lam} says how sharply J curves {across}; times α it is {value}, above "
                         "2: if the walls kept this sharpness, each step would land farther past the floor than it "
                         "started. Yet the bounce {trend}: away from the floor the walls grow less steep, so the "
                         "steps land short of that.").format(
            **fields, trend=translate("BowlPanel", "shrinks") if b.trend == "shrinking" else
            translate("BowlPanel", "holds its size"))
        if not bowl.exact:
            text += " " + translate("BowlPanel", "As training flattens the valley, α·λ_max falls; below 2 the bounce "
                                    "dies away.")
        return text
    if c.regime == "overshoot":
        if b is None:
            return translate("BowlPanel", "α·λ_max = {value} (λ_max = {lam}: how sharply J curves {across}) is between "
                             "1 and 2: a step there would overshoot the floor and land closer than it started, so "
                             "a bounce dies away — here it has.").format(**fields)
        return translate("BowlPanel", "α·λ_max = {value} (λ_max = {lam}: how sharply J curves {across}) is between 1 "
                         "and 2: each step overshoots the floor but lands closer than it started; the bounce shrinks "
                         "and dies away.").format(**fields)
    return translate("BowlPanel", "α·λ_max = {value} (λ_max = {lam}: how sharply J curves {across}) is below 1: the "
                     "steps creep towards the floor without crossing it (an α over {limit} would overshoot).").format(
        **fields, limit=f"{1 / c.lambda_max:.2g}" if c.lambda_max > 0 else "∞")


def green_dot(bowl: Bowl) -> str:
    """What the green dot means for this run now (lrviz.core.bowl.Outlook), in a sentence."""
    o = bowl.outlook
    if o is None or o.kind == "none":
        return ""
    if o.kind == "falls":
        return translate("BowlPanel", "No lowest point on this slice: J keeps falling towards its edge, since along "
                         "it the training pictures can be told apart perfectly.")
    in_view = bowl.bottom_in_view
    if o.kind == "away":
        return translate("BowlPanel", "Green dot: the lowest point of this slice only; the path is heading "
                         "elsewhere (its way down leaves the slice).")
    steps = f"{float(f'{o.steps_needed:.2g}'):,.0f}"  # two digits: "about 3,400", not a number changing every frame
    if o.kind == "far" and o.steps_left == 0:
        return translate("BowlPanel", "Green dot: this slice's lowest point, about {n} steps away at the recent "
                         "pace; the run stopped at 'Stop at' before it.").format(n=steps) if in_view else \
            translate("BowlPanel", "This slice's lowest point lies beyond the view, about {n} steps away at the "
                      "recent pace; the run stopped at 'Stop at' before it.").format(n=steps)
    if o.kind == "far":
        return translate("BowlPanel", "Green dot: this slice's lowest point, about {n} steps away at the recent "
                         "pace; the run stops in {left}, so it will not get there.").format(
            n=steps, left=f"{o.steps_left:,}") if in_view else \
            translate("BowlPanel", "This slice's lowest point lies beyond the view, about {n} steps away at the "
                      "recent pace; the run stops in {left}.").format(n=steps, left=f"{o.steps_left:,}")
    if math.isfinite(o.steps_needed) and o.steps_needed > 0:
        return translate("BowlPanel", "Green dot: this slice's lowest point, about {n} steps away at the recent "
                         "pace.").format(n=steps)
    return translate("BowlPanel", "Green dot: this slice's lowest point.")


def lesson(bowl: Bowl) -> str:
    """The blue box: the drawn loss's own lesson (the squared error's), or the steps across the valley
    and the green dot."""
    if losses.get(bowl.loss).lesson is not None:
        return loss_words(bowl.loss, "lesson").format(loss=loss_words(bowl.trained, "noun"))
    return " ".join(part for part in (steps_across(bowl), green_dot(bowl)) if part)


def announcement(bowl: Bowl, new_plane: bool) -> str:
    """Why the picture changed: a new slice (and why), or, on the same slice, a wider view."""
    p = bowl.plane
    if not new_plane:
        return translate("BowlPanel", "Iteration {it}: the view widened").format(it=f"{bowl.path_iter[-1]:,}")
    if p.reason == "own":
        return translate("BowlPanel", "Iteration {it}: new slice (the path found its way)").format(
            it=f"{p.chosen_at:,}")
    if p.reason == "turned":
        return translate("BowlPanel", "Iteration {it}: new slice (the path left the old one)").format(
            it=f"{p.chosen_at:,}")
    if p.reason == "asked":
        return translate("BowlPanel", "Iteration {it}: new slice, as chosen").format(it=f"{p.chosen_at:,}")
    return ""


def explanation(bowl: Bowl | None, n_weights: int) -> str:
    """The "About this picture" text."""
    if bowl is not None and bowl.exact:
        return translate(
            "BowlPanel",
            "This model has one weight w and a bias b, so the cost J(w, b) is exactly this surface: the "
            "lecture's bowl.\n\nAcross: w. Back: b. Up: J, the average loss over the training examples. Each "
            "white dot is one iteration of gradient descent; the red arrow is the next step −α·(dw, db), drawn "
            "to scale. A larger α makes longer steps: too large, and the point jumps past the bottom to the "
            "other side.\n\nBelow the bowl, the same cost along one variable at a time, with the tangent whose "
            "slope is the derivative the trainer computed, and α·λ_max: α times how sharply J curves along its "
            "steepest direction. Below 1 the steps creep, between 1 and 2 they overshoot and settle, above 2 "
            "each bounce is wider than the last.")
    n = n_weights or 12288
    return translate(
        "BowlPanel",
        "The model has {n} weights and a bias, so J(w, b) lives in {dims} dimensions — too many to draw. This "
        "picture is a slice through them, a plane with two directions:\n\n"
        "s, along the path: the straight line from where training began to where it is now.\n"
        "t, across the valley: the steepest direction at the current point — where J curves most sharply "
        "(the top eigenvector of the Hessian, whose eigenvalue is λ_max).\n\n"
        "Gradient descent travels along s while, with a large α, it bounces across the narrow valley along t: "
        "both lie in this slice. Up: the cost J. Each dot is drawn at its iteration's true cost; where the path "
        "leaves the slice, a thin orange line drops from the dot to the surface under it. When the path has "
        "left the slice, a new one is chosen, and the picture says so. Before the first steps, the slice is the "
        "two most curved directions. The menu offers other slices: b and the direction w has moved, or the "
        "path's two main directions (principal components).\n\n"
        "The red arrow is the next step −α·(dw, db), drawn to scale. Below the bowl, J along each direction "
        "alone, with the tangent whose slope is the derivative the trainer computed, and the gauge α·λ_max: "
        "below 1 the steps creep, between 1 and 2 they overshoot and settle, above 2 each bounce is wider than "
        "the last.").format(n=f"{n:,}", dims=f"{n + 1:,}")
