from pathlib import Path

import pytest
from pantau_scrapers.registry import DEFAULT_REGISTRY, RegistryError, load_registry

GOOD = """
outlets:
  - id: kabar-a
    name: Kabar A
    base_url: https://kabar-a.example/
    platform: wordpress
    region_code: "52.03"
"""


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "outlets.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_registry_load_registry_demo_file() -> None:
    outlets = load_registry(DEFAULT_REGISTRY)
    assert len(outlets) >= 5
    assert {o.platform for o in outlets} == {"wordpress", "blogger", "generic"}
    assert len({o.id for o in outlets}) == len(outlets)


def test_registry_load_registry_defaults(tmp_path: Path) -> None:
    (outlet,) = load_registry(write(tmp_path, GOOD))
    assert outlet.timezone == "Asia/Jakarta"
    assert outlet.download_delay == 1.0
    assert outlet.host == "kabar-a.example"


@pytest.mark.parametrize(
    ("change", "field"),
    [
        (("platform: wordpress", "platform: joomla"), "platform"),
        (('region_code: "52.03"', 'region_code: "Lotim"'), "region_code"),
        (("base_url: https://kabar-a.example/", "base_url: kabar-a"), "base_url"),
        (("name: Kabar A", "name: Kabar A\n    colour: red"), "colour"),
    ],
)
def test_registry_load_registry_names_file_outlet_and_field(
    tmp_path: Path, change: tuple[str, str], field: str
) -> None:
    path = write(tmp_path, GOOD.replace(*change))
    with pytest.raises(RegistryError) as error:
        load_registry(path)
    message = str(error.value)
    assert str(path) in message
    assert "outlet kabar-a" in message
    assert f"field '{field}'" in message


def test_registry_load_registry_duplicate_id(tmp_path: Path) -> None:
    twice = GOOD + GOOD.split("outlets:\n", 1)[1]
    with pytest.raises(RegistryError, match="duplicate"):
        load_registry(write(tmp_path, twice))


def test_registry_load_registry_missing_file(tmp_path: Path) -> None:
    with pytest.raises(RegistryError, match="not found"):
        load_registry(tmp_path / "nope.yaml")


def test_registry_load_registry_region_code_not_in_gazetteer(tmp_path: Path) -> None:
    path = write(tmp_path, GOOD.replace('region_code: "52.03"', 'region_code: "99.99"'))
    with pytest.raises(RegistryError) as error:
        load_registry(path)
    assert error.value.problems == [
        "outlet kabar-a: field 'region_code': '99.99' is not a province or regency "
        "of the gazetteer (transforms/pantau_transforms/rules/regions/*.csv); check the "
        "Kemendagri code"
    ]
    assert error.value.headline == f"{path}: {error.value.problems[0]}"


def test_registry_load_registry_province_and_regency_codes_of_the_gazetteer(tmp_path: Path) -> None:
    province = GOOD.replace('region_code: "52.03"', 'region_code: "95"')  # Papua Pegunungan
    (outlet,) = load_registry(write(tmp_path, province))
    assert outlet.region_code == "95"


def test_registry_load_registry_lists_every_bad_outlet(tmp_path: Path) -> None:
    second = GOOD.split("outlets:\n", 1)[1].replace("kabar-a", "kabar-b")
    text = (GOOD.replace("platform: wordpress", "platform: joomla")
            + second.replace('region_code: "52.03"', 'region_code: "99.99"')
            + second)  # kabar-b again
    path = write(tmp_path, text)
    with pytest.raises(RegistryError) as error:
        load_registry(path)
    problems = error.value.problems
    assert len(problems) == 3
    assert problems[0].startswith("outlet kabar-a: field 'platform'")
    assert problems[1].startswith("outlet kabar-b: field 'region_code': '99.99'")
    assert problems[2] == "outlet kabar-b: field 'id': duplicate of outlet #2"
    assert error.value.headline == f"{path}: 3 problems"
    assert str(error.value).splitlines()[1:] == [f"  {p}" for p in problems]
