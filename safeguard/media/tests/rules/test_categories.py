import pytest

from safeguard.media.rules.categories import CATEGORY_LABELS, NOT_YET, Category, category_counts


class TestCategoryCounts:
    @pytest.mark.parametrize(
        ("graded", "expected"),
        [
            ([], {"A": 0, "B": 0, "C": 0, "NOT_INDECENT": 0, NOT_YET: 0}),
            (
                [Category.A, Category.A, Category.C, None, Category.NOT_INDECENT],
                {"A": 2, "B": 0, "C": 1, "NOT_INDECENT": 1, NOT_YET: 1},
            ),
        ],
    )
    def test_counts_every_category_and_the_ungraded(self, graded, expected) -> None:
        assert category_counts(graded) == expected

    def test_labels_follow_the_sentencing_council_categories(self) -> None:
        assert CATEGORY_LABELS[Category.B] == "Category B: non-penetrative sexual activity"
        assert set(CATEGORY_LABELS) == set(Category)
