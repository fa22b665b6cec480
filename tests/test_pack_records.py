"""A loaded pack's records (`study.pack.models`) and the pydantic models that validate its files
(`study.pack.schema`) have the same fields, with the same defaults."""

from __future__ import annotations

import dataclasses

import pytest
from pydantic_core import PydanticUndefined

from study.pack import models, schema


@pytest.mark.parametrize("name", ["Source", "GlossaryEntry", "Fact", "Disagreement"])
def test_records_and_models_have_the_same_fields_and_defaults(name: str) -> None:
    record, model = getattr(models, name), getattr(schema, name)
    assert list(record.model_fields) == list(model.model_fields)
    for field_name, field in record.model_fields.items():
        info = model.model_fields[field_name]
        if field.default_factory is not dataclasses.MISSING:
            assert info.default_factory is not None and info.default_factory() == field.default_factory()
        elif field.default is not dataclasses.MISSING:
            assert info.default == field.default, field_name
        else:
            assert info.default is PydanticUndefined and info.default_factory is None, field_name


def test_a_record_copies_and_dumps_as_the_model_did(small_pack) -> None:
    fact = small_pack.facts[0]
    copy = fact.model_copy(update={"accept": ["x"]})
    assert copy.accept == ["x"] and fact.accept != ["x"]
    assert (copy.path, copy.line) == (fact.path, fact.line) and copy.line > 0
    dumped = fact.model_dump()
    assert list(dumped) == list(models.Fact.model_fields)
    assert models.Fact.model_construct(**dumped) == fact
    assert schema.Fact.model_validate(dumped).model_dump() == dumped
