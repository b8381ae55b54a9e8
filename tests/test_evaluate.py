"""kg eval's comparison: names of agencies and areas are compared by their canonical form in
the reference data, so an annotator's alias is not scored as a miss."""

from __future__ import annotations

from kg.evaluate import score_records


def test_agencies_are_scored_by_their_canonical_name():
    # a gold file may write an alias of the reference data; an unknown body stays as written
    gold = {"doc": "x.md", "agencies": ["全国人民代表大会常务委员会", "某县河湖长制办公室"]}
    predicted = {"doc": "x.md", "agencies": ["全国人大常委会", "某县河湖长制办公室"]}
    assert score_records([(gold, predicted)])["agencies"]["f1"] == 1.0


def test_areas_are_scored_by_their_canonical_name():
    def figure(area):
        return {"value": 12, "unit": "%", "role": "target", "year": 2027, "area": area}

    gold = {"doc": "x.txt", "quantities": [figure("京津冀地区"), figure("某湖流域"), figure("")]}
    predicted = {"doc": "x.txt", "quantities": [figure("京津冀"), figure("某湖流域"), figure("")]}
    scores = score_records([(gold, predicted)])
    assert (scores["quantities +area"]["tp"], scores["quantities +area"]["fp"]) == (3, 0)
    # a different region is still a different area
    predicted["quantities"][0] = figure("京津冀及周边地区")
    assert score_records([(gold, predicted)])["quantities +area"]["fp"] == 1
