"""Synthetic districts: ``seed-demo``'s district (``seed``, ``district``, ``documents``, ``archive``,
``names``) and the smaller queued districts of tests and benchmarks (``loadgen``)."""

from archiving.demo.seed import seed_demo

__all__ = ["seed_demo"]
