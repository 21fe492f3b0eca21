"""knowledge: initial schema

Revision ID: k0001
Revises: 
Create Date: 2026-11-25 16:55:16.087204
"""

from __future__ import annotations

import sqlalchemy as sa
import sqlmodel
from alembic import op

import archiving.types


revision = 'k0001'
down_revision = None
branch_labels = ('knowledge',)
depends_on = None


def upgrade() -> None:
    op.create_table('kb_article',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('slug', sqlmodel.sql.sqltypes.AutoString(length=80), nullable=False),
    sa.Column('created_at', archiving.types.UTCDateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('slug')
    )
    op.create_table('kb_question_log',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('asked_at', archiving.types.UTCDateTime(timezone=True), nullable=False),
    sa.Column('question', sa.Text(), nullable=False),
    sa.Column('slug', sqlmodel.sql.sqltypes.AutoString(length=80), nullable=True),
    sa.Column('score', sa.Float(), nullable=False),
    sa.Column('abstained', sa.Boolean(), nullable=False),
    sa.Column('kind', sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
    sa.Column('alternatives', sa.Text(), nullable=False),
    sa.Column('source', sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('kb_question_log', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_kb_question_log_asked_at'), ['asked_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_kb_question_log_slug'), ['slug'], unique=False)

    op.create_table('kb_subscription',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('subscriber', sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
    sa.Column('created_at', archiving.types.UTCDateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('subscriber')
    )
    op.create_table('kb_article_version',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('article_id', sa.Integer(), nullable=False),
    sa.Column('number', sa.Integer(), nullable=False),
    sa.Column('status', sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
    sa.Column('title', sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
    sa.Column('content', sa.Text(), nullable=False),
    sa.Column('content_hash', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
    sa.Column('author', sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
    sa.Column('created_at', archiving.types.UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['article_id'], ['kb_article.id'], ),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('article_id', 'number', name='uq_kb_version_number')
    )
    with op.batch_alter_table('kb_article_version', schema=None) as batch_op:
        batch_op.create_index('ix_kb_version_article_status', ['article_id', 'status'], unique=False)

    op.create_table('kb_feedback',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('question_log_id', sa.Integer(), nullable=False),
    sa.Column('helpful', sa.Boolean(), nullable=False),
    sa.Column('created_at', archiving.types.UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['question_log_id'], ['kb_question_log.id'], ),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('question_log_id')
    )
    op.create_table('kb_announcement',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('article_id', sa.Integer(), nullable=False),
    sa.Column('version_id', sa.Integer(), nullable=False),
    sa.Column('message', sa.Text(), nullable=False),
    sa.Column('author', sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
    sa.Column('created_at', archiving.types.UTCDateTime(timezone=True), nullable=False),
    sa.Column('delivered_at', archiving.types.UTCDateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['article_id'], ['kb_article.id'], ),
    sa.ForeignKeyConstraint(['version_id'], ['kb_article_version.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('kb_announcement', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_kb_announcement_article_id'), ['article_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_kb_announcement_delivered_at'), ['delivered_at'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('kb_announcement', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_kb_announcement_delivered_at'))
        batch_op.drop_index(batch_op.f('ix_kb_announcement_article_id'))

    op.drop_table('kb_announcement')
    op.drop_table('kb_feedback')
    with op.batch_alter_table('kb_article_version', schema=None) as batch_op:
        batch_op.drop_index('ix_kb_version_article_status')

    op.drop_table('kb_article_version')
    op.drop_table('kb_subscription')
    with op.batch_alter_table('kb_question_log', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_kb_question_log_slug'))
        batch_op.drop_index(batch_op.f('ix_kb_question_log_asked_at'))

    op.drop_table('kb_question_log')
    op.drop_table('kb_article')
