"""Does the company-profile tool show the engine's answer when boxes are ticked?"""
from compliance_course.tools.cross_framework import CompanyProfileTool


def test_ticking_boxes_updates_the_list():
    tool = CompanyProfileTool()
    assert "No framework applies" in tool.result.value
    tool.buyers["dod"].value = True
    tool.info["cui"].value = True
    html = tool.result.value
    assert html.index("NIST SP 800-171") < html.index("CMMC Level 2")
    assert "32 CFR 170.16" in html and "FedRAMP" not in html
    tool.cloud.value = True
    assert "FedRAMP" in tool.result.value


def test_every_control_has_an_accessible_name():
    tool = CompanyProfileTool()
    boxes = [*tool.buyers.values(), *tool.info.values(), tool.cloud]
    assert all(box.description for box in boxes)
